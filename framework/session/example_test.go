package session_test

import (
	"context"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/manouche-go/manouche/framework/session"
)

// memStore is the smallest useful session.Store: a map guarded by a mutex.
type memStore struct {
	mu sync.Mutex
	m  map[string]memRecord
}

type memRecord struct {
	data   string
	expiry time.Time
}

func (s *memStore) Load(_ context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.m[key]
	if !ok || time.Now().After(r.expiry) {
		return "", session.ErrNotFound
	}
	return r.data, nil
}

func (s *memStore) Create(_ context.Context, key, data string, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[key]; ok {
		return session.ErrKeyExists
	}
	s.m[key] = memRecord{data, expiry}
	return nil
}

func (s *memStore) Save(_ context.Context, key, data string, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[key]; !ok {
		return session.ErrNotFound
	}
	s.m[key] = memRecord{data, expiry}
	return nil
}

func (s *memStore) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}

func (s *memStore) has(key string) bool {
	_, err := s.Load(context.Background(), key)
	return err == nil
}

// newConfig is what contrib/sessions builds from settings once per site.
func newConfig() (*session.Config, *memStore) {
	codec, err := session.NewCodec("example-secret-key", nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	store := &memStore{m: map[string]memRecord{}}
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
	fmt.Println(s.IsEmpty(), store.has(key))
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
	fmt.Println(cart, s.Key() != anonymous, store.has(anonymous))
	// Output: [book] true false
}

// ExampleConfig_idleTimeout ends a session left alone for 30 minutes
// (SESSION_IDLE_TIMEOUT: 1800). The clock is frozen for the example.
func ExampleConfig_idleTimeout() {
	cfg, store := newConfig()
	now := time.Now()
	cfg.Now = func() time.Time { return now }
	cfg.IdleTimeout = 30 * time.Minute
	ctx := context.Background()
	s := session.New(ctx, cfg, "")
	s.Set("user_id", "42")
	s.Save(ctx)
	key := s.Key()

	now = now.Add(29 * time.Minute) // 29 minutes later: the session lives on
	s = session.New(ctx, cfg, key)
	id, _ := s.GetString("user_id")
	fmt.Println(id, s.Modified()) // Modified: the last-seen time is due for a write
	s.Save(ctx)

	now = now.Add(30 * time.Minute) // gone too long: the session ends
	s = session.New(ctx, cfg, key)
	fmt.Println(s.Len(), s.Key() == "", store.has(key))
	// Output:
	// 42 true
	// 0 true false
}

// ExampleSession_Commit is the middleware's save: the cookie's lifetime
// comes from the same instant as the record's expiry.
func ExampleSession_Commit() {
	cfg, _ := newConfig()
	ctx := context.Background()
	s := session.New(ctx, cfg, "")
	s.Set("greeting", "hello")
	s.SetExpiry(3600)
	lt, err := s.Commit(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(lt.AtBrowserClose, lt.MaxAge, lt.Expires.Sub(s.ExpiryDate()).Abs() < time.Second)
	// Output: false 3600 true
}
