package hashers_test

import (
	"fmt"
	"strings"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
)

// A site shares its user table with a Django 3.2 site: it uses Django's
// hashers with 3.2's iteration count, so that neither side re-hashes the
// other's passwords (and ends the user's other sessions) at each login.
func Example() {
	set, err := hashers.New([]string{
		"django.contrib.auth.hashers.PBKDF2PasswordHasher",
		"django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
	}, hashers.Options{PBKDF2Iterations: 260000})
	if err != nil {
		panic(err)
	}
	encoded, _ := set.Make("correct horse")
	fmt.Println(strings.Join(strings.Split(encoded, "$")[:2], "$"))

	ok, mustUpdate := set.Check("correct horse", encoded)
	fmt.Println(ok, mustUpdate)

	// A hash a Django 4.2 made (600000 iterations) verifies, and must be
	// re-hashed with this site's count.
	ok, mustUpdate = set.Check("lètmein", "pbkdf2_sha256$600000$fixedsalt0123456789abc$X81A6P5NwL+Plx0B1eClYnk8IdlmcnU70m5P09v6c/4=")
	fmt.Println(ok, mustUpdate)
	// Output:
	// pbkdf2_sha256$260000
	// true false
	// true true
}
