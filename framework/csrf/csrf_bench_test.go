package csrf

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

// The CSRF benchmarks time the middleware alone around a view that writes
// nothing: a GET that takes a token for a form (the cookie is re-sent), a
// POST whose token is checked, and, as the base to report them against, a
// GET through the bare view.
func benchHandler(b *testing.B, wrap bool) http.Handler {
	b.Helper()
	view := framework.ServeView(framework.View(func(req *framework.Request) *framework.Response {
		if req.Method == http.MethodGet && req.GET.Has("form") {
			Token(req)
		}
		return framework.Text("ok")
	}))
	if !wrap {
		return view
	}
	mw, err := New(Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	return mw(view)
}

func BenchmarkMiddleware(b *testing.B) {
	token := Mask(RandomString(), RandomString())
	body := url.Values{FormField: {token}}.Encode()
	cases := []struct {
		name, method, target, body string
		wrap                       bool
	}{
		{"bare_GET", "GET", "/?form=1", "", false},
		{"GET_form_token", "GET", "/?form=1", "", true},
		{"POST_checked", "POST", "/", body, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			h := benchHandler(b, c.wrap)
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
				r.Header.Set("Cookie", "csrftoken="+token)
				if c.body != "" {
					r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
