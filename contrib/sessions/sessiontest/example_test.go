package sessiontest_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/session"
)

// writes is a backend that wraps another store and counts the writes that
// reach it. Its test file would call sessiontest.Run and
// sessiontest.RunSessions with it, as every built-in engine does:
//
//	func TestConformance(t *testing.T) {
//		sessiontest.Run(t, func(*testing.T) session.Store {
//			s, _ := newWrites(&sessiontest.MemStore{})
//			return s
//		})
//	}
type writes struct {
	session.Store
	n atomic.Int64
}

func (w *writes) Create(ctx context.Context, key, data string, expiry time.Time) error {
	w.n.Add(1)
	return w.Store.Create(ctx, key, data, expiry)
}

func (w *writes) Save(ctx context.Context, key, data string, expiry time.Time) error {
	w.n.Add(1)
	return w.Store.Save(ctx, key, data, expiry)
}

// conditionalWrites is writes over a store that can save conditionally.
// An optional ability is offered only when the wrapped store has it: a
// wrapper that always had SaveIf would have to fake it.
type conditionalWrites struct{ *writes }

func (w conditionalWrites) SaveIf(ctx context.Context, key, old, data string, expiry time.Time) error {
	w.n.Add(1)
	return w.Store.(session.ConditionalSaver).SaveIf(ctx, key, old, data, expiry)
}

// newWrites returns the backend over s, with SaveIf when s has it.
func newWrites(s session.Store) (session.Store, *atomic.Int64) {
	w := &writes{Store: s}
	if _, ok := s.(session.ConditionalSaver); ok {
		return conditionalWrites{w}, &w.n
	}
	return w, &w.n
}

// Example_writeBackend writes a session backend, here one that wraps
// [sessiontest.MemStore], and uses it as a site would.
func Example_writeBackend() {
	store, n := newWrites(&sessiontest.MemStore{})
	codec, _ := session.NewCodec("example-secret-key", nil, nil)
	cfg := &session.Config{Store: store, Codec: codec}
	ctx := context.Background()

	s := session.New(ctx, cfg, "")
	s.Set("cart", []any{"book"})
	s.Save(ctx) // Create
	s = session.New(ctx, cfg, s.Key())
	s.Incr("visits", 1)
	s.Save(ctx) // SaveIf: the store can compare

	_, conditional := store.(session.ConditionalSaver)
	fmt.Println(n.Load(), conditional, s.Map())
	// Output: 2 true map[cart:[book] visits:1]
}
