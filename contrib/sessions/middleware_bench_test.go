package sessions

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/manouche-go/manouche/contrib/sessions/cachestore"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/cache/locmem"
	"github.com/manouche-go/manouche/framework/session"
)

// The middleware benchmarks compare a chi router with and without
// SessionMiddleware (over the locmem cache engine, so the store costs
// little): a view that never touches the session, one that reads and one
// that writes. Report them as ratios to BenchmarkMiddleware_bareChi.

func benchRouter(wrap func(http.Handler) http.Handler) http.Handler {
	r := chi.NewRouter()
	if wrap != nil {
		r.Use(wrap)
	}
	r.Get("/plain", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	r.Get("/read", func(w http.ResponseWriter, r *http.Request) {
		s, _ := session.FromContext(r.Context())
		n, _ := s.GetInt("n")
		w.Write([]byte{byte('0' + n%10)})
	})
	r.Get("/incr", func(w http.ResponseWriter, r *http.Request) {
		s, _ := session.FromContext(r.Context())
		n, _ := s.GetInt("n")
		s.Set("n", n+1)
		w.Write([]byte{byte('0' + n%10)})
	})
	return r
}

func benchMiddleware(b *testing.B) (http.Handler, string) {
	b.Helper()
	codec, err := session.NewCodec(testSecret, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	store := cachestore.New(locmem.New(locmem.Options{}), cachestore.Options{})
	mw := Middleware(MiddlewareOptions{
		Config: &session.Config{Store: store, Codec: codec},
		Cookie: framework.Cookie{Name: "sessionid", Path: "/", HttpOnly: true, SameSite: "Lax"},
		Engine: "cache",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	h := benchRouter(mw)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/incr", nil))
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 {
		b.Fatalf("no session cookie: %v", cookies)
	}
	return h, "sessionid=" + cookies[0].Value
}

func runBench(b *testing.B, h http.Handler, path, cookie string) {
	req := httptest.NewRequest("GET", path, nil)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

func BenchmarkMiddleware_bareChi(b *testing.B) {
	runBench(b, benchRouter(nil), "/plain", "")
}

func BenchmarkMiddleware_untouched(b *testing.B) {
	h, cookie := benchMiddleware(b)
	runBench(b, h, "/plain", cookie)
}

func BenchmarkMiddleware_read(b *testing.B) {
	h, cookie := benchMiddleware(b)
	runBench(b, h, "/read", cookie)
}

func BenchmarkMiddleware_write(b *testing.B) {
	h, cookie := benchMiddleware(b)
	runBench(b, h, "/incr", cookie)
}
