package examples_test

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/manouche-go/manouche/contrib/sessions"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/csrf"
	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/site"
	"github.com/manouche-go/manouche/framework/urls"
)

// BenchmarkStack measures what Django's default middleware costs on a form
// like the mail example's: rendered (GET: the template writes the CSRF
// input, base.html ranges over the messages) and posted (POST: the CSRF
// check, a session write, a "Saved." message shown on the next page),
// through the stack settings.yaml lists (security, sessions, CSRF,
// messages, clickjacking) and through the session middleware alone (where
// adding the message fails with ErrNotInstalled and is skipped). The ratio
// sub-benchmarks time both in alternation and report django_stack's time
// over sessions_only's; both use the cache engine over locmem, so the
// session store costs little.
func BenchmarkStack(b *testing.B) {
	stacks := []struct {
		name       string
		middleware []string
	}{
		{"sessions_only", []string{sessions.MiddlewareName}},
		{"django_stack", siteMiddleware()},
	}
	token := csrf.Mask(csrf.RandomString(), csrf.RandomString())
	form := url.Values{"from_name": {"Ann"}, "message": {"Hello"}, "csrfmiddlewaretoken": {token}}.Encode()
	for _, page := range []stackPage{
		{"GET_form", http.MethodGet, "", `name="csrfmiddlewaretoken"`},
		{"POST_form", http.MethodPost, form, "<h1>Thank you, Ann</h1>"},
	} {
		for _, st := range stacks {
			b.Run(page.name+"/"+st.name, func(b *testing.B) {
				h := benchSite(b, st.middleware)
				b.ReportAllocs()
				for b.Loop() {
					page.serve(b, h, token)
				}
			})
		}
		// The ratio of the two, timed in alternation within one loop, so
		// that the load of a shared machine weighs on both alike.
		b.Run(page.name+"/ratio", func(b *testing.B) {
			bare, full := benchSite(b, stacks[0].middleware), benchSite(b, stacks[1].middleware)
			var tBare, tFull time.Duration
			first, second, t1, t2 := bare, full, &tBare, &tFull
			for b.Loop() { // each goes first every other time
				t0 := time.Now()
				page.serve(b, first, token)
				mid := time.Now()
				page.serve(b, second, token)
				*t1, *t2 = *t1+mid.Sub(t0), *t2+time.Since(mid)
				first, second, t1, t2 = second, first, t2, t1
			}
			b.ReportMetric(float64(tFull)/float64(tBare), "stack/sessions")
		})
	}
}

// stackPage is one request of BenchmarkStack.
type stackPage struct{ name, method, body, want string }

func (p stackPage) serve(b *testing.B, h http.Handler, token string) {
	r := httptest.NewRequest(p.method, "http://127.0.0.1/stackbench/", strings.NewReader(p.body))
	r.Header.Set("Cookie", "csrftoken="+token)
	if p.body != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), p.want) {
		b.Fatalf("%s: got %d %.300q", p.method, w.Code, w.Body.String())
	}
}

// benchSite is the examples' site with the cache engine and middleware.
func benchSite(b *testing.B, middleware []string) http.Handler {
	b.Helper()
	s := newSettings("cache", b.TempDir())
	s.Middleware = middleware
	s.InstalledApps = append(s.InstalledApps, stackBenchLabel)
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	st, err := site.New(s, site.Options{BaseDir: root, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	h, err := st.Handler()
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// stackBenchLabel is the app BenchmarkStack serves at /stackbench/.
const stackBenchLabel = "examples.stackbench"

func init() { apps.Register(stackBenchApp{}) }

// stackBenchApp is the mail example's form view, with the message
// optional so that the same view runs without the message middleware.
type stackBenchApp struct{}

func (stackBenchApp) Label() string { return stackBenchLabel }

func (stackBenchApp) URLs() []urls.Pattern {
	return []urls.Pattern{urls.Path("/stackbench/", func(req *framework.Request) *framework.Response {
		if req.Method == http.MethodGet {
			return framework.Render(req, "stackbench/form.html", nil)
		}
		if err := req.Session.Set("from_name", req.POST.Get("from_name")); err != nil {
			return framework.ServerError(req, err)
		}
		if err := messages.Success(req, "Saved."); err != nil && !errors.Is(err, messages.ErrNotInstalled) {
			return framework.ServerError(req, err)
		}
		return framework.Render(req, "stackbench/sent.html", nil)
	}, "stackbench")}
}

func (stackBenchApp) Templates() fs.FS {
	return fstest.MapFS{
		"stackbench/form.html": {Data: []byte(`<< template "base.html" . >><< define "title" >>Contact<< end >>
<< define "content" >><form method="post" action="/stackbench/"><< .CSRF.Input >>
<input name="from_name" value="<< .Request.Session.from_name >>"><textarea name="message"></textarea></form><< end >>`)},
		"stackbench/sent.html": {Data: []byte(`<< template "base.html" . >><< define "title" >>Sent<< end >>
<< define "content" >><h1>Thank you, << .Request.Session.from_name >></h1><< end >>`)},
	}
}
