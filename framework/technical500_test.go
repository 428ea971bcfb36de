package framework_test

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

// Values that must never reach the page; each would be caught if leaked.
const (
	leakSecretKey = "leak-secret-key-0123456789"
	leakPassword  = "leak-db-password"
	leakURLPass   = "leak-url-pass"
	leakToken     = "leak-api-token"
	leakCookie    = "leak-cookie-value"
	leakAuth      = "leak-authorization"
	leakPOST      = "leak-posted-password"
	leakFallback  = "leak-fallback-key"
	leakOption    = "leak-option-password"
	leakCSRF      = "leak-csrf-token"
)

var leaks = []string{leakSecretKey, leakPassword, leakURLPass, leakToken, leakCookie, leakAuth, leakPOST, leakFallback, leakOption, leakCSRF}

func sensitiveSettings() []framework.Setting {
	return []framework.Setting{
		{"DEBUG", true},
		{"SECRET_KEY", leakSecretKey},
		{"SECRET_KEY_FALLBACKS", []string{leakFallback}},
		{"STRIPE_API_TOKEN", leakToken},
		{"ALLOWED_HOSTS", []string{"example.com"}},
		{"DATABASES", map[string]any{"default": map[string]any{
			"ENGINE": "postgres", "PASSWORD": leakPassword, "NAME": "site",
			"URL":     "postgres://app:" + leakURLPass + "@db.internal/site",
			"OPTIONS": map[string]any{"password": leakOption, "sslmode": "require"},
		}}},
	}
}

// pollsIndex is the failing view of the tests.
func pollsIndex(req *framework.Request) *framework.Response {
	panic("polls: boom")
}

// failingRequest sends a POST with sensitive cookies, headers and fields to
// pollsIndex and returns the response.
func failingRequest(t *testing.T, debug bool, accept string, logger *slog.Logger) *httptest.ResponseRecorder {
	t.Helper()
	form := url.Values{"choice": {"2"}, "password": {leakPOST}}
	r := httptest.NewRequest("POST", "/polls/?page=3", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Cookie", "sessionid="+leakCookie+"; theme=dark")
	r.Header.Set("Authorization", "Bearer "+leakAuth)
	r.Header.Set("X-CSRFToken", leakCSRF)
	r.Header.Set("User-Agent", "polls-test")
	if accept != "" {
		r.Header.Set("Accept", accept)
	}
	env := &framework.Env{Debug: debug, Logger: logger, Settings: sensitiveSettings(), SettingsFile: "settings.yaml"}
	r = r.WithContext(framework.WithEnv(r.Context(), env))
	return serve(framework.View(pollsIndex), r)
}

func TestTechnical500_debug(t *testing.T) {
	w := failingRequest(t, true, "text/html", discardLogger())
	body := w.Body.String()
	if w.Code != 500 || w.Header().Get("Content-Type") != framework.ContentTypeHTML {
		t.Fatalf("got %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	for _, want := range []string{
		"<h1>panic (string) at /polls/</h1>",
		`<pre class="exception_value">polls: boom</pre>`,
		"in github.com/manouche-go/manouche/framework_test.pollsIndex", // the failing view's frame
		`<li class="frame user">`,                                      // marked as the site's code
		"technical500_test.go</span>, line",                            // its location
		`<pre>	panic(&#34;polls: boom&#34;)</pre>`,                     // its source line
		"<td>page</td><td class=\"code\"><pre>[&#34;3&#34;]</pre>",     // GET
		"<td>choice</td><td class=\"code\"><pre>[&#34;2&#34;]</pre>",   // POST
		"<td>User-Agent</td><td class=\"code\"><pre>polls-test</pre>",  // headers
		"<td>theme</td>", // cookie names
		"<td>ALLOWED_HOSTS</td><td class=\"code\"><pre>[&#34;example.com&#34;]", // settings
		"&#34;sslmode&#34;: &#34;require&#34;",
		"postgres://app:********************@db.internal/site",
		"Using settings file <code>settings.yaml</code>",
		"No session (no session middleware)",
		"<h3 id=\"user-info\">USER</h3>\n  <p>AnonymousUser</p>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	for _, leak := range leaks {
		if strings.Contains(body, leak) {
			t.Errorf("page leaks %q", leak)
		}
	}
	if n := strings.Count(body, framework.CleansedSubstitute); n < 9 {
		t.Errorf("got %d cleansed values, want at least 9", n)
	}
}

// TestTechnical500_plain: without DEBUG nothing of the failure reaches the
// client.
func TestTechnical500_plain(t *testing.T) {
	w := failingRequest(t, false, "text/html", discardLogger())
	body := w.Body.String()
	if w.Code != 500 || body != framework.ErrorPageHTML(500) {
		t.Errorf("got %d %q, want the plain 500 page", w.Code, body)
	}
	for _, s := range append(leaks, "boom", "pollsIndex", "Traceback", "choice", "theme") {
		if strings.Contains(body, s) {
			t.Errorf("page contains %q", s)
		}
	}
}

// TestTechnical500_text: a client that does not accept HTML gets Django's
// plain-text technical page.
func TestTechnical500_text(t *testing.T) {
	w := failingRequest(t, true, "application/json", discardLogger())
	body := w.Body.String()
	if ct := w.Header().Get("Content-Type"); ct != framework.ContentTypeText {
		t.Errorf("Content-Type: got %q, want %q", ct, framework.ContentTypeText)
	}
	for _, want := range []string{"panic (string) at /polls/\npolls: boom\n", "Traceback (most recent call first):",
		"in github.com/manouche-go/manouche/framework_test.pollsIndex\n    \tpanic(\"polls: boom\")", "  choice = [\"2\"]"} {
		if !strings.Contains(body, want) {
			t.Errorf("page does not contain %q:\n%s", want, body)
		}
	}
	for _, leak := range leaks {
		if strings.Contains(body, leak) {
			t.Errorf("page leaks %q", leak)
		}
	}
}

// TestTechnical500_log: one JSON record per panic, its stack an array whose
// first frame is the failing view.
func TestTechnical500_log(t *testing.T) {
	buf := &logBuffer{}
	failingRequest(t, true, "", slog.New(slog.NewJSONHandler(buf, nil)))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("got %d log records, want 1:\n%s", len(lines), buf)
	}
	var rec struct {
		Msg, Err, Method, Path string
		Stack                  []string
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Err != "framework: panic in view: polls: boom" || rec.Method != "POST" || rec.Path != "/polls/" {
		t.Errorf("got %+v", rec)
	}
	if len(rec.Stack) < 2 || !strings.HasPrefix(rec.Stack[0], "github.com/manouche-go/manouche/framework_test.pollsIndex ") {
		t.Errorf("stack: got %q, want the view first", rec.Stack)
	}
	for _, leak := range leaks {
		if strings.Contains(lines[0], leak) {
			t.Errorf("log leaks %q", leak)
		}
	}
}

// TestServerError_stack: a returned error is reported with the stack of the
// view that returned it.
func TestServerError_stack(t *testing.T) {
	logger, logs := newTestLogger()
	view := framework.View(func(req *framework.Request) *framework.Response {
		return framework.ServerError(req, &url.Error{Op: "Get", URL: "http://api", Err: http.ErrHandlerTimeout})
	})
	r := httptest.NewRequest("GET", "/api/", nil)
	r = r.WithContext(framework.WithEnv(r.Context(), &framework.Env{Debug: true, Logger: logger}))
	body := serve(view, r).Body.String()
	for _, want := range []string{"<h1>*url.Error at /api/</h1>", "Error chain", "<td>*url.Error</td>",
		"TestServerError_stack.func1", "framework.ServerError(req"} {
		if !strings.Contains(body, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	if out := logs.String(); strings.Count(out, "\n") != 1 || !strings.Contains(out, `stack="[github.com/manouche-go/manouche/framework_test.TestServerError_stack.func1 `) {
		t.Errorf("got log %q, want one record with the stack", out)
	}
}

func TestCleanseSetting(t *testing.T) {
	tests := []struct {
		key   string
		value any
		want  string
	}{
		{"SECRET_KEY", "x", `"********************"`},
		{"my_api_url", "x", `"********************"`},
		{"AUTH_PASSWORD_VALIDATORS", []string{"x"}, `"********************"`},
		{"SIGNATURE_VERSION", 4, `"********************"`},
		{"DEBUG", true, "true"},
		{"ALLOWED_HOSTS", []string{"a", "b"}, `["a", "b"]`},
		{"CACHES", map[string]any{"default": map[string]any{"KEY_PREFIX": "site", "LOCATION": "redis://:pw@r/0"}},
			`{"default": {"KEY_PREFIX": "********************", "LOCATION": "redis://:********************@r/0"}}`},
		{"LIST", []any{map[string]any{"token": "t", "name": "n"}}, `[{"name": "n", "token": "********************"}]`},
		{"URL", "https://user@example.com/", `"https://user@example.com/"`},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got := framework.CleanseSetting(tt.key, tt.value)
			b, _ := json.Marshal(got)
			if want := strings.ReplaceAll(strings.ReplaceAll(tt.want, `": `, `":`), `, `, `,`); string(b) != want {
				t.Errorf("got %s, want %s", b, want)
			}
		})
	}
}

// TestTechnical500_session: the session's keys are listed, never its
// values, and only when the view loaded it: the page does not load it.
func TestTechnical500_session(t *testing.T) {
	tests := []struct {
		name      string
		touch     bool
		want      []string
		wantLoads int
	}{
		{"loaded by the view", true, []string{"<li><code>greeting</code></li>", "<li><code>num_visits</code></li>"}, 1},
		{"not loaded", false, []string{"The view did not use the session"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &countingCookies{}
			req := newRequest(t, &framework.Env{Debug: true, Logger: discardLogger()}, store, "/p/")
			if tt.touch {
				req.Session.Get("greeting")
			}
			body := string(framework.ServerError(req, errors.New("boom")).Body)
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("page does not contain %q", want)
				}
			}
			if strings.Contains(body, "Hello &lt;world") || store.loads != tt.wantLoads {
				t.Errorf("got %d loads (values shown: %v), want %d and no values", store.loads, strings.Contains(body, "Hello &lt;world"), tt.wantLoads)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	// A test binary of this repository is manouche itself, built from the
	// checkout.
	if got := framework.Version(); got != "(devel)" {
		t.Errorf("got %q, want (devel)", got)
	}
}

// namedUser is a logged-in user.
type namedUser string

func (u namedUser) IsAuthenticated() bool { return true }
func (u namedUser) GetUsername() string   { return string(u) }
func (u namedUser) HasPerm(string) bool   { return false }

type userLoader struct {
	u   framework.User
	err error
}

func (l userLoader) LoadUser() (framework.User, error) { return l.u, l.err }

// TestTechnical500_user: Django's USER line, without loading a user the
// view did not load.
func TestTechnical500_user(t *testing.T) {
	tests := []struct {
		name   string
		loader userLoader
		load   bool
		want   string
	}{
		{"loaded", userLoader{u: namedUser("ann")}, true, "<p>ann</p>"},
		{"not loaded", userLoader{u: namedUser("ann")}, false, "<p>The view did not use the user</p>"},
		{"load failed", userLoader{err: errors.New("db down")}, true, "<p>[unable to retrieve the current user]</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, &framework.Env{Debug: true, Logger: discardLogger()}, nil, "/p/")
			lazy := &framework.LazyUser{}
			lazy.Reset(tt.loader)
			req.User = lazy
			if tt.load {
				lazy.Get()
			}
			if body := string(framework.ServerError(req, errors.New("boom")).Body); !strings.Contains(body, tt.want) {
				t.Errorf("page lacks %q", tt.want)
			}
		})
	}
}
