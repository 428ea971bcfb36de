package signing_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/manouche-go/manouche/framework/signing"
)

func ExampleSigner() {
	s, err := signing.NewSigner(signing.Options{Key: "django-insecure-test-vector-key"})
	if err != nil {
		panic(err)
	}
	signed := s.Sign("hello")
	fmt.Println(signed)

	value, err := s.Unsign(signed)
	fmt.Println(value, err)

	_, err = s.Unsign("hello:forged")
	fmt.Println(errors.Is(err, signing.ErrBadSignature))
	// Output:
	// hello:zyJlhdBNvQ-c93UrNREXl6Aw_8EiFGmtAaCIjjSsfqE
	// hello <nil>
	// true
}

func ExampleTimestampSigner_Unsign() {
	s, err := signing.NewTimestampSigner(signing.Options{Key: "django-insecure-test-vector-key"})
	if err != nil {
		panic(err)
	}
	signedAt := time.Unix(1700000000, 0)
	signed := s.SignAt("hello", signedAt)
	fmt.Println(signed)

	value, _, err := s.Unsign(signed, time.Hour, signedAt.Add(time.Hour))
	fmt.Println(value, err)

	_, _, err = s.Unsign(signed, time.Hour, signedAt.Add(time.Hour+time.Second))
	fmt.Println(errors.Is(err, signing.ErrSignatureExpired), errors.Is(err, signing.ErrBadSignature))
	// Output:
	// hello:1r31eq:p1ArTilr2-Cl5mnoyKzzYXlHhfh9azMOvu_SxYBXRjs
	// hello <nil>
	// true true
}

func ExampleDumps() {
	o := signing.DumpOptions{Options: signing.Options{Key: "django-insecure-test-vector-key"}}
	s, err := signing.DumpsAt(map[string]any{"foo": "bar", "baz": 1}, o, time.Unix(1700000000, 0))
	if err != nil {
		panic(err)
	}
	fmt.Println(s)

	obj, err := signing.Loads(s, signing.LoadOptions{Options: o.Options, MaxAge: signing.NoMaxAge})
	fmt.Println(obj, err)
	// Output:
	// eyJiYXoiOjEsImZvbyI6ImJhciJ9:1r31eq:rC6y1TgplqfnyvAqFVfJbePv672hRFHrFLvoEw8AHvg
	// map[baz:1 foo:bar] <nil>
}

func ExampleSerializer() {
	// Session data as Django's SessionBase.encode writes it.
	sr, err := signing.NewSerializer(signing.DumpOptions{
		Options:  signing.Options{Key: "django-insecure-test-vector-key", Salt: "django.contrib.sessions.SessionStore"},
		Compress: true,
	})
	if err != nil {
		panic(err)
	}
	d := signing.NewDict()
	d.Set("a", 1)
	encoded, err := sr.DumpsAt(d, time.Unix(1700000000, 0))
	if err != nil {
		panic(err)
	}
	fmt.Println(encoded)

	back, err := sr.LoadDict(encoded, signing.NoMaxAge, time.Time{})
	fmt.Println(back.Keys(), err)
	// Output:
	// eyJhIjoxfQ:1r31eq:MQTHEIUH4cWiJPjF0_glEtu4KxIUg506WN-aoNM_OWw
	// [a] <nil>
}

func ExampleMarshalJSON() {
	b, err := signing.MarshalJSON(map[string]any{"f": 1.0, "e": 1e-5, "s": "café <b>", "n": nil})
	fmt.Println(string(b), err)

	_, err = signing.MarshalJSON(map[string]any{"when": time.Now()})
	fmt.Println(err)
	// Output:
	// {"e":1e-05,"f":1.0,"n":null,"s":"caf\u00e9 <b>"} <nil>
	// signing: cannot store time.Time in JSON
}

// A share of a read-only Dict (a cache's) reads it without copying, and
// copies it only once changed: the original never changes.
func ExampleDict_Share() {
	cached := signing.NewDict()
	cached.Set("user", "ada")
	cached.Set("cart", []any{"tea"})

	s := cached.Share()
	user, _ := s.Get("user") // a string: read from the cached Dict
	s.Set("visits", 1)       // a change: s now has its own copy
	cart, _ := s.Get("cart")
	cart.([]any)[0] = "coffee" // s's copy of the slice

	a, _ := signing.MarshalJSON(cached)
	b, _ := signing.MarshalJSON(s)
	fmt.Println(user)
	fmt.Println(string(a))
	fmt.Println(string(b))
	// Output:
	// ada
	// {"user":"ada","cart":["tea"]}
	// {"user":"ada","cart":["coffee"],"visits":1}
}
