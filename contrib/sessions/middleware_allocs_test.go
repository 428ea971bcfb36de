package sessions

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

// allocsRouter is benchRouter over a memStore (whose reads allocate
// nothing) holding one session {"n": 7}; it returns the session cookie.
func allocsRouter(t *testing.T, st *memStore) (http.Handler, string) {
	t.Helper()
	codec, err := session.NewCodec(testSecret, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := benchRouter(Middleware(MiddlewareOptions{
		Config: &session.Config{Store: st, Codec: codec},
		Cookie: framework.Cookie{Name: "sessionid", Path: "/"},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}))
	d := session.New(t.Context(), &session.Config{Store: st, Codec: codec}, "")
	d.Set("n", 7)
	if err := d.Save(t.Context()); err != nil {
		t.Fatal(err)
	}
	return h, "sessionid=" + d.Key()
}

// allocs returns the allocations of one request to h.
func allocs(t *testing.T, h http.Handler, path, cookie string) float64 {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	return testing.AllocsPerRun(200, func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
	})
}

// TestMiddleware_allocations pins the middleware's cost in allocations,
// which are deterministic (time is not, and is left to the benchmarks):
// a view that never touches the session costs one allocation (the state
// holding the request copy, its context and the response writer) and no
// store read; a read costs the Session, the Vary header and what decoding
// allocates.
func TestMiddleware_allocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not exact under the race detector")
	}
	st := newMemStore()
	h, cookie := allocsRouter(t, st)
	bare := allocs(t, benchRouter(nil), "/plain", cookie)
	loads := st.loads.Load()
	untouched := allocs(t, h, "/plain", cookie)
	if n := st.loads.Load() - loads; n != 0 {
		t.Errorf("untouched: got %d store reads, want 0", n)
	}
	if got := untouched - bare; got > 1 {
		t.Errorf("untouched: got %v allocations beyond the router's, want at most 1", got)
	}
	codec, _ := session.NewCodec(testSecret, nil, nil)
	data := st.data(cookie[len("sessionid="):])
	decode := testing.AllocsPerRun(200, func() { codec.Decode(data) })
	read := allocs(t, h, "/read", cookie)
	t.Logf("allocations: router %v, untouched %v, read %v (decoding %v)", bare, untouched, read, decode)
	if got := read - untouched - decode; got > 3 {
		t.Errorf("read: got %v allocations beyond the untouched path and decoding (%v), want at most 3", got, decode)
	}
}
