package session_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/session"
)

// has reports whether store holds a live record of key.
func has(store session.Store, key string) bool {
	_, err := store.Load(context.Background(), key)
	return err == nil
}

// newConfig is what contrib/sessions builds from settings once per site.
func newConfig() (*session.Config, *sessiontest.MemStore) {
	codec, err := session.NewCodec("example-secret-key", nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	store := &sessiontest.MemStore{}
	return &session.Config{Store: store, Codec: codec}, store
}

func Example() {
	cfg, _ := newConfig()
	ctx := context.Background()

	// First request, without a session cookie.
	s := session.New(ctx, cfg, "")
	if err := s.Set("greeting", "Hello from manouche!"); err != nil {
		log.Fatal(err)
	}
	// The middleware saves modified sessions and sends the key as cookie.
	if err := s.Save(ctx); err != nil {
		log.Fatal(err)
	}
	cookie := s.Key()

	// Next request, with the cookie.
	s = session.New(ctx, cfg, cookie)
	greeting, _ := s.GetString("greeting")
	visits, _ := s.GetInt("visits")
	fmt.Println(greeting, visits, s.Modified())
	// Output: Hello from manouche! 0 false
}

func ExampleSession_SetExpiry() {
	cfg, _ := newConfig()
	s := session.New(context.Background(), cfg, "")

	s.SetExpiry(30 * time.Minute) // stored as 1800 seconds of inactivity
	fmt.Println(s.ExpiryAge(), s.ExpireAtBrowserClose())

	s.SetExpiry(0) // until the browser closes
	fmt.Println(s.ExpireAtBrowserClose())

	s.SetExpiry(nil) // back to SESSION_COOKIE_AGE
	fmt.Println(s.ExpiryAge())
	// Output:
	// 1800 false
	// true
	// 1209600
}

func ExampleSession_Flush() {
	cfg, store := newConfig()
	ctx := context.Background()
	s := session.New(ctx, cfg, "")
	s.Set("user_id", "42")
	s.Save(ctx)
	key := s.Key()

	// A logout view: the record goes, and the middleware deletes the cookie.
	s = session.New(ctx, cfg, key)
	if err := s.Flush(); err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.IsEmpty(), has(store, key))
	// Output: true false
}

func ExampleSession_CycleKey() {
	cfg, store := newConfig()
	ctx := context.Background()
	s := session.New(ctx, cfg, "")
	s.Set("cart", []string{"book"})
	s.Save(ctx)
	anonymous := s.Key()

	// A login view: keep the data under a new key, so that a key planted
	// before login (session fixation) is worthless afterwards.
	s = session.New(ctx, cfg, anonymous)
	if err := s.CycleKey(); err != nil {
		log.Fatal(err)
	}
	s.Set("user_id", "42")
	cart, _ := s.Get("cart")
	fmt.Println(cart, s.Key() != anonymous, has(store, anonymous))
	// Output: [book] true false
}

// Two requests of one session, served at the same time, each change the
// session: the store compares what each loaded before it writes, so the
// second save merges the first's changes instead of overwriting them.
func ExampleSession_Incr() {
	cfg, _ := newConfig()
	ctx := context.Background()
	s := session.New(ctx, cfg, "")
	s.Set("visits", 1)
	s.Save(ctx)

	tab1 := session.New(ctx, cfg, s.Key())
	tab2 := session.New(ctx, cfg, s.Key())
	tab1.Load(ctx)
	tab2.Load(ctx)
	n1, _ := tab1.Incr("visits", 1)
	n2, _ := tab2.Incr("visits", 1)
	tab2.Set("theme", "dark")
	tab1.Save(ctx)
	tab2.Save(ctx) // finds tab1's write: reloads, adds 1, keeps theme

	s = session.New(ctx, cfg, s.Key())
	visits, _ := s.GetInt("visits")
	theme, _ := s.GetString("theme")
	fmt.Println(n1, n2, visits, theme)
	// Output: 2 2 3 dark
}
