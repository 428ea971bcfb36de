package cookiestore_test

import (
	"fmt"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/cookiestore"
	"github.com/manouche-go/manouche/framework/signing"
)

// The cookie value is the signed session; it reads back for
// SESSION_COOKIE_AGE after it was signed.
func Example() {
	s, err := cookiestore.New(cookiestore.Options{Key: "django-insecure-test-vector-key"})
	if err != nil {
		panic(err)
	}
	signedAt := time.Unix(1700000000, 0)
	data := signing.NewDict()
	data.Set("cat", "dog")
	value, _ := s.EncodeCookie(data, signedAt)
	fmt.Println(value)

	got, err := s.DecodeCookie(value, signedAt.Add(24*time.Hour))
	cat, _ := got.Get("cat")
	fmt.Println(cat, err)

	_, err = s.DecodeCookie(value, signedAt.Add(15*24*time.Hour))
	fmt.Println(err != nil)
	// Output:
	// eyJjYXQiOiJkb2cifQ:1r31eq:x4PVDU7yQ6cZdJ__REwpAlut0bp7J-nSCljcrIgbpdU
	// dog <nil>
	// true
}
