package messages

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/messages"
)

// The messages benchmarks time the middleware with the default fallback
// storage: a request that adds one message (signed into the cookie), one
// that shows it (verifies and decodes the cookie, then deletes it), and one
// that does neither (the cost of having the middleware installed).
func BenchmarkMiddleware(b *testing.B) {
	mw, err := Middleware(Options{SecretKey: "messages-bench-secret-key-0123456789"})
	if err != nil {
		b.Fatal(err)
	}
	h := mw(framework.View(func(req *framework.Request) *framework.Response {
		switch req.Path {
		case "/add":
			messages.Success(req, "Saved.")
		case "/show":
			for range messages.Get(req) {
			}
		}
		return framework.Text("ok")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/add", nil))
	cookie := w.Result().Cookies()[0]
	for _, path := range []string{"/untouched", "/add", "/show"} {
		b.Run(path[1:], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest("GET", path, nil)
				r.AddCookie(cookie)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
