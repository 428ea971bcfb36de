package csrf_test

import (
	"crypto/tls"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/csrf"
	"github.com/manouche-go/manouche/framework/templates"
	"github.com/manouche-go/manouche/framework/urls"
)

// site is a small site behind the CSRF middleware: /form/ renders a form,
// /submit/ accepts posts, /hook/ is exempt.
type site struct {
	h     http.Handler
	posts int
	logs  *strings.Builder
}

func newSite(t *testing.T, o csrf.Options, debug bool, files map[string]string) *site {
	t.Helper()
	s := &site{logs: &strings.Builder{}}
	o.Logger = slog.New(slog.NewTextHandler(s.logs, nil))
	mw, err := csrf.New(o)
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{"form.html": {Data: []byte(`<form method="post"><< .CSRF.Input >></form>token=<< .CSRF.Token >>`)}}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	engine, err := templates.New(templates.Options{FS: []fs.FS{m}})
	if err != nil {
		t.Fatal(err)
	}
	post := func(req *framework.Request) *framework.Response { s.posts++; return framework.Text("saved") }
	router, err := urls.NewRouter([]urls.Pattern{
		urls.Path("/form/", func(req *framework.Request) *framework.Response { return framework.Render(req, "form.html", nil) }, "form"),
		urls.Path("/submit/", post, "submit"),
		urls.Handle("/hook/", csrf.Exempt(post), "hook"),
	}, urls.Options{})
	if err != nil {
		t.Fatal(err)
	}
	env := &framework.Env{Debug: debug, Templates: engine, ContextProcessors: []framework.ContextProcessor{csrf.Processor}}
	inner := mw(router)
	s.h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner.ServeHTTP(w, r.WithContext(framework.WithEnv(r.Context(), env)))
	})
	return s
}

func (s *site) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

var inputRE = regexp.MustCompile(`<input type="hidden" name="csrfmiddlewaretoken" value="([a-zA-Z0-9]{64})">`)

// getForm renders /form/ and returns the form's token and the cookie set.
func (s *site) getForm(t *testing.T) (token, cookie string) {
	t.Helper()
	w := s.do(httptest.NewRequest("GET", "http://testserver/form/", nil))
	m := inputRE.FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("form: got %q, want the hidden input", w.Body.String())
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == "csrftoken" {
			cookie = c.Value
		}
	}
	if cookie == "" {
		t.Fatal("form: got no csrftoken cookie")
	}
	return m[1], cookie
}

func post(target, cookie string, form url.Values, header map[string]string) *http.Request {
	r := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if cookie != "" {
		r.Header.Set("Cookie", "csrftoken="+cookie)
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	if strings.HasPrefix(target, "https:") {
		r.TLS = &tls.ConnectionState{}
	}
	return r
}

func TestMiddleware_formRoundTrip(t *testing.T) {
	s := newSite(t, csrf.DefaultOptions(), false, nil)
	token, cookie := s.getForm(t)
	if token == cookie {
		t.Error("form token: got the cookie value, want a freshly masked token")
	}
	if csrf.Unmask(token) != csrf.Unmask(cookie) {
		t.Error("form token and cookie: got different secrets, want the same")
	}
	w := s.do(post("http://testserver/submit/", cookie, url.Values{"csrfmiddlewaretoken": {token}}, nil))
	if w.Code != 200 || s.posts != 1 {
		t.Fatalf("post with token: got %d (view ran %d times), want 200 once", w.Code, s.posts)
	}
	w = s.do(post("http://testserver/submit/", cookie, url.Values{"x": {"1"}}, nil))
	if w.Code != 403 || s.posts != 1 {
		t.Errorf("post without token: got %d (view ran %d times), want 403 and no view", w.Code, s.posts)
	}
	w = s.do(post("http://testserver/submit/", cookie, url.Values{}, map[string]string{"X-CSRFToken": token}))
	if w.Code != 200 {
		t.Errorf("post with the header: got %d, want 200", w.Code)
	}
}

func TestMiddleware_origin(t *testing.T) {
	o := csrf.DefaultOptions()
	o.TrustedOrigins = []string{"https://partner.example", "https://*.corp.example", "legacy.example", ".old.example"}
	s := newSite(t, o, false, nil)
	_, cookie := s.getForm(t)
	tests := []struct {
		name, target, origin, referer string
		want                          int
		reason                        string
	}{
		{"same origin http", "http://testserver/submit/", "http://testserver", "", 200, ""},
		{"same origin https, no referer needed", "https://testserver/submit/", "https://testserver", "", 200, ""},
		{"scheme differs", "https://testserver/submit/", "http://testserver", "", 403, "Origin checking failed - http://testserver does not match any trusted origins."},
		{"cross origin http", "http://testserver/submit/", "http://evil.example", "", 403, "Origin checking failed - http://evil.example does not match any trusted origins."},
		{"null origin", "http://testserver/submit/", "null", "", 403, "Origin checking failed - null does not match any trusted origins."},
		{"trusted exact", "https://testserver/submit/", "https://partner.example", "", 200, ""},
		{"trusted exact, other scheme", "https://testserver/submit/", "http://partner.example", "", 403, "Origin checking failed - http://partner.example does not match any trusted origins."},
		{"trusted wildcard", "https://testserver/submit/", "https://a.corp.example", "", 200, ""},
		{"trusted wildcard apex", "https://testserver/submit/", "https://corp.example", "", 200, ""},
		{"3.2 host entry", "https://testserver/submit/", "https://legacy.example", "", 200, ""},
		{"3.2 domain entry", "https://testserver/submit/", "https://x.old.example", "", 200, ""},
		{"3.2 entry is https only", "http://testserver/submit/", "http://legacy.example", "", 403, "Origin checking failed - http://legacy.example does not match any trusted origins."},
		{"https referer checked without origin", "https://testserver/submit/", "", "https://evil.example/", 403, "Referer checking failed - https://evil.example/ does not match any trusted origins."},
		{"https referer of a trusted 4.x origin", "https://testserver/submit/", "", "https://partner.example/form", 200, ""},
		{"https origin wins over referer", "https://testserver/submit/", "https://testserver", "https://evil.example/", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{"X-CSRFToken": cookie}
			if tt.origin != "" {
				h["Origin"] = tt.origin
			}
			if tt.referer != "" {
				h["Referer"] = tt.referer
			}
			before := s.posts
			s.logs.Reset()
			w := s.do(post(tt.target, cookie, url.Values{}, h))
			if w.Code != tt.want {
				t.Fatalf("got %d, want %d; log: %s", w.Code, tt.want, s.logs)
			}
			if ran := s.posts > before; ran != (tt.want == 200) {
				t.Errorf("view ran: got %v, want %v", ran, tt.want == 200)
			}
			if tt.reason != "" && !strings.Contains(s.logs.String(), `reason="`+tt.reason+`"`) {
				t.Errorf("log: got %q, want the reason %q", s.logs, tt.reason)
			}
		})
	}
}

func TestMiddleware_exempt(t *testing.T) {
	s := newSite(t, csrf.DefaultOptions(), false, nil)
	w := s.do(post("http://testserver/hook/", "", url.Values{"event": {"paid"}}, map[string]string{"Origin": "https://payments.example"}))
	if w.Code != 200 || s.posts != 1 {
		t.Errorf("exempt view: got %d (ran %d), want 200 and the view run", w.Code, s.posts)
	}
}

func TestMiddleware_failurePage(t *testing.T) {
	tests := []struct {
		name       string
		debug      bool
		files      map[string]string
		want, not  []string
		wantStatus int
	}{
		{"production", false, nil,
			[]string{"CSRF verification failed. Request aborted.", "More information is available with DEBUG=True."},
			[]string{"CSRF cookie not set."}, 403},
		{"debug shows the reason", true, nil,
			[]string{"CSRF verification failed. Request aborted.", "Reason given for failure:", "CSRF cookie not set.", "requires a CSRF cookie"},
			nil, 403},
		{"site template", false, map[string]string{"403_csrf.html": `custom: << .main >> (<< .reason >>)`},
			[]string{"custom: CSRF verification failed. Request aborted. (CSRF cookie not set.)"}, nil, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, csrf.DefaultOptions(), tt.debug, tt.files)
			w := s.do(post("http://testserver/submit/", "", url.Values{"csrfmiddlewaretoken": {"x"}}, nil))
			if w.Code != tt.wantStatus || w.Header().Get("Content-Type") != framework.ContentTypeHTML {
				t.Fatalf("got %d %s, want %d text/html", w.Code, w.Header().Get("Content-Type"), tt.wantStatus)
			}
			for _, want := range tt.want {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("page: want %q in %q", want, w.Body.String())
				}
			}
			for _, not := range tt.not {
				if strings.Contains(w.Body.String(), not) {
					t.Errorf("page: got %q, which only DEBUG shows", not)
				}
			}
			if got := strings.Count(s.logs.String(), "\n"); got != 1 || !strings.Contains(s.logs.String(), `level=WARN msg="csrf: forbidden" reason="CSRF cookie not set." method=POST path=/submit/`) {
				t.Errorf("log: got %q, want one WARN line with the reason", s.logs)
			}
		})
	}
}

func TestMiddleware_badBody(t *testing.T) {
	s := newSite(t, csrf.DefaultOptions(), false, nil)
	r := httptest.NewRequest("POST", "http://testserver/submit/", strings.NewReader("%zz"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w := s.do(r); w.Code != http.StatusBadRequest || s.posts != 0 {
		t.Errorf("malformed form: got %d (view ran %d), want 400 and no view", w.Code, s.posts)
	}
}

// TestMiddleware_unusedToken checks that a page that does not use the
// token sets no cookie and no Vary, and that a used one sets both.
func TestMiddleware_unusedToken(t *testing.T) {
	s := newSite(t, csrf.DefaultOptions(), false, map[string]string{"plain.html": "no form"})
	w := s.do(httptest.NewRequest("GET", "http://testserver/submit/", nil))
	if len(w.Result().Cookies()) != 0 || w.Header().Get("Vary") != "" {
		t.Errorf("unused token: got Set-Cookie %q and Vary %q, want neither", w.Header().Values("Set-Cookie"), w.Header().Get("Vary"))
	}
	w = s.do(httptest.NewRequest("GET", "http://testserver/form/", nil))
	if c := w.Header().Get("Set-Cookie"); !strings.HasPrefix(c, "csrftoken=") || !strings.Contains(c, "; Max-Age=31449600; Path=/; SameSite=Lax") || w.Header().Get("Vary") != "Cookie" {
		t.Errorf("used token: got Set-Cookie %q and Vary %q, want the cookie and Cookie", c, w.Header().Get("Vary"))
	}
}

func TestField(t *testing.T) {
	s := newSite(t, csrf.DefaultOptions(), false, nil)
	w := s.do(httptest.NewRequest("GET", "http://testserver/form/", nil))
	m := inputRE.FindStringSubmatch(w.Body.String())
	if m == nil || !strings.HasSuffix(w.Body.String(), "token="+m[1]) {
		t.Errorf("render: got %q, want the same token in the input and in .CSRF.Token", w.Body.String())
	}
}

func TestToken_withoutMiddleware(t *testing.T) {
	req := framework.RequestFrom(httptest.NewRequest("GET", "/", nil))
	a, b := csrf.Token(req), csrf.Token(req)
	if len(a) != csrf.TokenLength || a == b {
		t.Errorf("Token without middleware: got %q and %q, want two different 64-character tokens", a, b)
	}
	csrf.RotateToken(req) // must not panic
}

func TestNew_badTrustedOrigin(t *testing.T) {
	o := csrf.DefaultOptions()
	o.TrustedOrigins = []string{"https://[::1"}
	if _, err := csrf.New(o); err == nil || !strings.Contains(err.Error(), `csrf: trusted origin "https://[::1"`) {
		t.Errorf("got %v, want an error naming the origin", err)
	}
}

func TestRegisterFailureView(t *testing.T) {
	custom := func(req *framework.Request, reason string) *framework.Response {
		return &framework.Response{Status: http.StatusForbidden, Body: []byte("custom: " + reason)}
	}
	csrf.RegisterFailureView("csrf_test.custom", custom)
	v, err := csrf.LookupFailureView("csrf_test.custom")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(v(nil, "why").Body); got != "custom: why" {
		t.Errorf("looked-up view: got %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering the name twice: want a panic")
		}
	}()
	csrf.RegisterFailureView("csrf_test.custom", custom)
}
