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
// adding the message fails with ErrNotInstalled and is skipped). Report
// django_stack as a ratio to sessions_only, with the allocations; both use
// the cache engine over locmem, so the session store costs little.
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
	for _, page := range []struct {
		name   string
		method string
		body   string
		want   string
	}{
		{"GET_form", http.MethodGet, "", `name="csrfmiddlewaretoken"`},
		{"POST_form", http.MethodPost, form, "<h1>Thank you, Ann</h1>"},
	} {
		for _, st := range stacks {
			b.Run(page.name+"/"+st.name, func(b *testing.B) {
				h := benchSite(b, st.middleware)
				b.ReportAllocs()
				for b.Loop() {
					r := httptest.NewRequest(page.method, "http://127.0.0.1/stackbench/", strings.NewReader(page.body))
					r.Header.Set("Cookie", "csrftoken="+token)
					if page.body != "" {
						r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					}
					w := httptest.NewRecorder()
					h.ServeHTTP(w, r)
					if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), page.want) {
						b.Fatalf("%s %s: got %d %.300q", page.method, st.name, w.Code, w.Body.String())
					}
				}
			})
		}
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
