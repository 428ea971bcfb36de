package cacheddbstore

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions/dbstore"
	"github.com/manouche-go/manouche/contrib/sessions/sessiontest"
	"github.com/manouche-go/manouche/framework/cache"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/session"
)

// hooked is a db store that runs a hook once, in the middle of one of
// its calls, to interleave another request at a chosen point.
type hooked struct {
	*dbstore.Store
	mu     sync.Mutex
	before map[string]func() // by method, run before the row is touched
	after  map[string]func() // by method, run after
}

func (h *hooked) hook(m map[string]func(), method string) {
	h.mu.Lock()
	f := m[method]
	delete(m, method)
	h.mu.Unlock()
	if f != nil {
		f()
	}
}

func (h *hooked) LoadWithExpiry(ctx context.Context, key string) (string, time.Time, error) {
	h.hook(h.before, "load")
	data, exp, err := h.Store.LoadWithExpiry(ctx, key)
	h.hook(h.after, "load")
	return data, exp, err
}

func (h *hooked) Save(ctx context.Context, key, data string, expiry time.Time) error {
	h.hook(h.before, "save")
	err := h.Store.Save(ctx, key, data, expiry)
	h.hook(h.after, "save")
	return err
}

func (h *hooked) Delete(ctx context.Context, key string) error {
	h.hook(h.before, "delete")
	err := h.Store.Delete(ctx, key)
	h.hook(h.after, "delete")
	return err
}

// onlySet hides a cache's Swap: a cache with Get, Set, Add and Delete.
type onlySet struct{ cache.Cache }

// TestInterleavings runs a second request at the worst point of a first
// one and checks that the cache ends no older than the table: a Load
// returns the row's data, or ErrNotFound after a logout.
func TestInterleavings(t *testing.T) {
	exp := time.Now().Add(time.Hour)
	saveAs := func(s *Store, data string) func() {
		return func() {
			if err := s.Save(context.Background(), key, data, exp); err != nil && !errors.Is(err, session.ErrNotFound) {
				t.Errorf("inner Save: %v", err)
			}
		}
	}
	tests := []struct {
		name    string
		plain   bool   // a cache without Swap
		first   string // "save", "delete" or "load"
		hook    string // "before" or "after" the first request's row access
		second  string // "save" or "delete", run at that point
		want    string // the data a Load returns, "" for ErrNotFound
		wantRow string
	}{
		// The first save wrote the row before the second, which refilled
		// the cache first: the first's refill must not put its older data
		// over the second's.
		{"save after save's row write", false, "save", "after", "save", "second", "second"},
		{"save after save's row write, no Swap", true, "save", "after", "save", "second", "second"},
		{"save before save's row write", false, "save", "before", "save", "first", "first"},
		// A logout while a save is between its row write and its refill.
		{"delete after save's row write", false, "save", "after", "delete", "", ""},
		{"delete after save's row write, no Swap", true, "save", "after", "delete", "", ""},
		// A save that wrote the row and refilled the cache while a logout
		// was deleting the row.
		{"save before delete's row delete", false, "delete", "before", "save", "", ""},
		{"save before delete's row delete, no Swap", true, "delete", "before", "save", "", ""},
		// A reader that read the row just before a save: it must not cache
		// what it read.
		{"save after load's row read", false, "load", "after", "save", "second", "second"},
		{"save after load's row read, no Swap", true, "load", "after", "save", "second", "second"},
		{"delete after load's row read", false, "load", "after", "delete", "", ""},
		{"delete after load's row read, no Swap", true, "load", "after", "delete", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c cache.Cache = locmem.New(locmem.Options{})
			if tt.plain {
				c = onlySet{c}
			}
			h := &hooked{Store: dbstore.New(openDB(t), dbstore.Options{}), before: map[string]func(){}, after: map[string]func(){}}
			s := newStore(c, h, Options{})
			if err := s.Create(t.Context(), key, "created", exp); err != nil {
				t.Fatal(err)
			}
			if tt.first == "load" {
				c.Delete(t.Context(), KeyPrefix+key) // a miss, so that the load fills the cache
			}
			plain := newStore(c, h.Store, Options{}) // the second request, without hooks
			inner := saveAs(plain, "second")
			if tt.second == "delete" {
				inner = func() { plain.Delete(context.Background(), key) }
			}
			hooks := h.before
			if tt.hook == "after" {
				hooks = h.after
			}
			hooks[tt.first] = inner
			switch tt.first {
			case "save":
				err := s.Save(t.Context(), key, "first", exp)
				if err != nil && !errors.Is(err, session.ErrNotFound) {
					t.Fatalf("first Save: %v", err)
				}
			case "delete":
				if err := s.Delete(t.Context(), key); err != nil {
					t.Fatalf("first Delete: %v", err)
				}
			case "load":
				s.Load(t.Context(), key)
			}
			row, err := h.Store.Load(t.Context(), key)
			if row != tt.wantRow || (err != nil) != (tt.wantRow == "") {
				t.Fatalf("got row %q, %v, want %q", row, err, tt.wantRow)
			}
			for i := range 2 { // the second Load reads what the first may have cached
				got, err := s.Load(t.Context(), key)
				if got != tt.want || (err != nil) != (tt.want == "") {
					t.Errorf("Load %d: got %q, %v, want %q (the row's)", i+1, got, err, tt.want)
				}
			}
		})
	}
}

// noSaveIf is a db store without SaveIf.
type noSaveIf struct{ rows }

func TestSaveIf(t *testing.T) {
	c := locmem.New(locmem.Options{})
	s := New(c, dbstore.New(openDB(t), dbstore.Options{}), Options{})
	exp := time.Now().Add(time.Hour)
	if err := s.Create(t.Context(), key, "created", exp); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveIf(t.Context(), key, "created", "saved", exp); err != nil {
		t.Fatalf("SaveIf over the loaded data: got %v, want nil", err)
	}
	if got := loadOK(t, s); got != "saved" {
		t.Errorf("Load: got %q, want %q", got, "saved")
	}
	// A stale cached copy does not make SaveIf succeed: it compares with the row.
	c.Set(t.Context(), KeyPrefix+key, []byte("created"), time.Hour)
	if err := s.SaveIf(t.Context(), key, "created", "lost", exp); !errors.Is(err, session.ErrConflict) {
		t.Fatalf("SaveIf over other data: got %v, want ErrConflict", err)
	}
	if got := loadOK(t, s); got != "saved" {
		t.Errorf("Load after the conflict: got %q, want the row's %q", got, "saved")
	}
	plain := newStore(c, noSaveIf{dbstore.New(openDB(t), dbstore.Options{})}, Options{})
	if err := plain.SaveIf(t.Context(), key, "saved", "b", exp); err == nil {
		t.Errorf("SaveIf with a db store without SaveIf: got nil, want an error")
	}
}

func loadOK(t *testing.T, s *Store) string {
	t.Helper()
	got, err := s.Load(t.Context(), key)
	if err != nil {
		t.Fatalf("Load: got %v, want nil", err)
	}
	return got
}

// TestConformance_noSwap runs the Store contract (a Save racing a Delete
// included) over a cache without Swap, which refills by Set and reads the
// row back.
func TestConformance_noSwap(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T) session.Store {
		return New(onlySet{locmem.New(locmem.Options{})}, dbstore.New(openDB(t), dbstore.Options{}), Options{})
	})
}
