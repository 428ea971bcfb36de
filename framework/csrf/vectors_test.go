package csrf

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/settings"
)

// vectorsDir holds the golden vectors produced by real Django 3.2.
const vectorsDir = "../../../shared/spec/vectors"

// csrfFile is csrf.json.
type csrfFile struct {
	SecretKey  string            `json:"secret_key"`
	FrozenTime int64             `json:"frozen_time"`
	Reasons    map[string]string `json:"reasons_3_2"`
	CookieA    string            `json:"cookie_a"`
	FormA      string            `json:"form_a"`
	Vectors    []csrfVector      `json:"vectors"`
}

type csrfVector struct {
	Kind     string         `json:"kind"`
	Name     string         `json:"name"`
	Note4x   string         `json:"note_4x"`
	Secret   string         `json:"secret"`
	Mask     string         `json:"mask"`
	Token    string         `json:"token"`
	Unmasked string         `json:"unmasked"`
	CSRF     string         `json:"csrf_token"`
	Rendered string         `json:"rendered"`
	Settings map[string]any `json:"settings"`
	Request  struct {
		Method  string            `json:"method"`
		Scheme  string            `json:"scheme"`
		Host    string            `json:"host"`
		Path    string            `json:"path"`
		Headers map[string]string `json:"headers"`
		Cookie  *string           `json:"cookie_header"`
		Form    map[string]string `json:"form"`
		Session map[string]string `json:"session"`
		View    string            `json:"view"`
	} `json:"request"`
	Result struct {
		Accepted     bool              `json:"accepted"`
		Status       int               `json:"status"`
		Reason       *string           `json:"reason"`
		AfterRequest *string           `json:"csrf_cookie_after_process_request"`
		Tokens       []string          `json:"get_token_results"`
		SetCookie    []string          `json:"set_cookie"`
		Vary         *string           `json:"vary"`
		SessionAfter map[string]string `json:"session_after"`
		ContentType  string            `json:"content_type"`
		BodyContains string            `json:"body_contains"`
	} `json:"result"`
}

func readCSRFVectors(t *testing.T) csrfFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorsDir, "csrf.json"))
	if err != nil {
		t.Fatalf("golden vectors missing (%s): %v", vectorsDir, err)
	}
	var f csrfFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("csrf.json: %v", err)
	}
	return f
}

// follows4x lists the request vectors where manouche does what Django 4.x
// does instead of 3.2 (the issue: the Origin check of 4.0, and tokens and
// trusted origins written for 4.x accepted), with 4.x's outcome.
var follows4x = map[string]struct {
	accepted bool
	reason   string
}{
	"origin_header_ignored":                     {false, "Origin checking failed - https://evil.example does not match any trusted origins."},
	"https_trusted_origin_with_scheme_4x_style": {true, ""},
	"sessions_32_char_secret":                   {true, ""},
}

func TestVectors_mask(t *testing.T) {
	f := readCSRFVectors(t)
	n := 0
	for _, v := range f.Vectors {
		if v.Kind != "mask" {
			continue
		}
		n++
		t.Run(v.Token, func(t *testing.T) {
			if got := Mask(v.Secret, v.Mask); got != v.Token {
				t.Errorf("Mask: got %q, want %q", got, v.Token)
			}
			if got := Unmask(v.Token); got != v.Unmasked {
				t.Errorf("Unmask: got %q, want %q", got, v.Unmasked)
			}
		})
	}
	if n != 6 {
		t.Errorf("mask vectors: got %d, want 6", n)
	}
}

func TestVectors_templateTag(t *testing.T) {
	for _, v := range readCSRFVectors(t).Vectors {
		if v.Kind != "template_tag" {
			continue
		}
		f := &Field{token: v.CSRF}
		if got := string(f.Input()); got != v.Rendered {
			t.Errorf("Input: got %s, want %s", got, v.Rendered)
		}
	}
}

// TestVectors_request plays the 58 request cases of csrf.json through the
// middleware, with Django's deterministic secrets and masks and its frozen
// clock, and compares the outcome, the reason, the tokens, the cookie, Vary
// and the session with Django 3.2's (or 4.x's, see follows4x).
func TestVectors_request(t *testing.T) {
	f := readCSRFVectors(t)
	n := 0
	for _, v := range f.Vectors {
		if v.Kind != "request" {
			continue
		}
		n++
		t.Run(v.Name, func(t *testing.T) { playVector(t, f, v) })
	}
	if n != 58 {
		t.Errorf("request vectors: got %d, want 58", n)
	}
}

func playVector(t *testing.T, f csrfFile, v csrfVector) {
	rec := newRecorder()
	o := vectorOptions(t, f, v, rec)
	mw, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	sess := vectorSession(t, v)
	view := vectorView(v, rec)
	var h http.Handler = mw(framework.ServeView(view))
	if sess != nil {
		h = withSession(sess, h)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, vectorRequest(v))
	checkVectorResult(t, v, w, rec, sess)
	// Django keeps a session's token as stored; manouche masks a 32-character one.
	if (rec.viewRan || rec.failures > 0) && v.Request.Session == nil && !reflect.DeepEqual(rec.after, v.Result.AfterRequest) {
		t.Errorf("token after process_request: got %v, want %v", deref(rec.after), deref(v.Result.AfterRequest))
	}
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

// recorder records what the failure view and the view saw.
type recorder struct {
	after    *string // the token after process_request (META["CSRF_COOKIE"])
	reason   *string
	tokens   []string
	viewRan  bool
	failures int
}

func newRecorder() *recorder { return &recorder{} }

// record keeps the request's token as process_request left it.
func (rec *recorder) record(req *framework.Request) {
	if st := stateFrom(req); st != nil && st.token != "" {
		tok := st.token
		rec.after = &tok
	}
}

func vectorOptions(t *testing.T, f csrfFile, v csrfVector, rec *recorder) Options {
	allowed := []string{"testserver"} // Django's test ALLOWED_HOSTS
	o := DefaultOptions()
	o.HostAllowed = func(host string) bool { return hostAllowed(host, allowed) }
	o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	o.RandomString = generator(v.Name)
	o.Now = func() time.Time { return time.Unix(f.FrozenTime, 0) }
	o.FailureView = func(req *framework.Request, reason string) *framework.Response {
		rec.record(req)
		rec.reason = &reason
		rec.failures++
		return &framework.Response{Status: http.StatusForbidden}
	}
	if v.Name == "default_failure_view" {
		o.FailureView = nil
	}
	for k, val := range v.Settings {
		if k == "ALLOWED_HOSTS" {
			allowed = strs(val)
		} else if !applySetting(&o, k, val) {
			t.Fatalf("vector setting %s not handled", k)
		}
	}
	return o
}

// applySetting sets the option of a vector's Django setting.
func applySetting(o *Options, name string, val any) bool {
	switch name {
	case "CSRF_COOKIE_NAME":
		o.Cookie.Name = val.(string)
	case "CSRF_COOKIE_DOMAIN":
		o.Cookie.Domain = val.(string)
	case "CSRF_COOKIE_PATH":
		o.Cookie.Path = val.(string)
	case "CSRF_COOKIE_SECURE":
		o.Cookie.Secure = val.(bool)
	case "CSRF_COOKIE_HTTPONLY":
		o.Cookie.HttpOnly = val.(bool)
	case "CSRF_COOKIE_SAMESITE":
		o.Cookie.SameSite = val.(string)
	case "CSRF_COOKIE_AGE":
		o.CookieAge = int(val.(float64))
	case "CSRF_HEADER_NAME":
		o.Header = settings.MetaHeader(val.(string))
	case "CSRF_USE_SESSIONS":
		o.UseSessions = val.(bool)
	case "CSRF_TRUSTED_ORIGINS":
		o.TrustedOrigins = strs(val)
	default:
		return false
	}
	return true
}

func strs(v any) []string {
	var out []string
	for _, e := range v.([]any) {
		out = append(out, e.(string))
	}
	return out
}

// hostAllowed is Django's validate_host for the vectors' ALLOWED_HOSTS.
func hostAllowed(host string, patterns []string) bool {
	host, _, _ = strings.Cut(strings.ToLower(host), ":")
	for _, p := range patterns {
		if p == host || strings.HasPrefix(p, ".") && (host == p[1:] || strings.HasSuffix(host, p)) {
			return true
		}
	}
	return false
}

// generator is csrf.json's deterministic stand-in for random strings: the
// n-th call returns ALPHABET[b % 62] for each byte b of
// sha256("csrf-<name>-<n>").
func generator(name string) func() string {
	var mu sync.Mutex
	n := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		sum := sha256.Sum256(fmt.Appendf(nil, "csrf-%s-%d", name, n))
		var b [32]byte
		for i, c := range sum {
			b[i] = Alphabet[int(c)%62]
		}
		return string(b[:])
	}
}

// vectorView is the view the vector names; it records the token after
// process_request and the tokens get_token returned.
func vectorView(v csrfVector, rec *recorder) http.Handler {
	view := framework.View(func(req *framework.Request) *framework.Response {
		rec.viewRan = true
		rec.record(req)
		var calls int
		if _, err := fmt.Sscanf(v.Request.View, "calls get_token() %d time(s)", &calls); err == nil {
			for range calls {
				rec.tokens = append(rec.tokens, Token(req))
			}
		}
		if strings.HasSuffix(v.Request.View, "rotate_token()") {
			RotateToken(req)
		}
		return framework.Text("ok")
	})
	if strings.HasPrefix(v.Request.View, "csrf_exempt") {
		return Exempt(view)
	}
	return view
}

func vectorRequest(v csrfVector) *http.Request {
	q := v.Request
	var body io.Reader
	if q.Form != nil {
		form := url.Values{}
		for k, val := range q.Form {
			form.Set(k, val)
		}
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(q.Method, q.Scheme+"://"+q.Host+q.Path, body)
	r.Host = q.Host
	if q.Scheme == "https" {
		r.TLS = &tls.ConnectionState{}
	} else {
		r.TLS = nil
	}
	if q.Form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, val := range q.Headers {
		r.Header[http.CanonicalHeaderKey(k)] = []string{val}
	}
	if q.Cookie != nil {
		r.Header.Set("Cookie", *q.Cookie)
	}
	return r
}

func checkVectorResult(t *testing.T, v csrfVector, w *httptest.ResponseRecorder, rec *recorder, sess *session.Session) {
	t.Helper()
	want := v.Result
	if alt, ok := follows4x[v.Name]; ok {
		want.Accepted = alt.accepted
		want.Reason = nil
		want.Status = http.StatusOK
		if !alt.accepted {
			want.Reason, want.Status = &alt.reason, http.StatusForbidden
		}
	}
	if w.Code != want.Status {
		t.Errorf("status: got %d, want %d", w.Code, want.Status)
	}
	if rec.viewRan != want.Accepted {
		t.Errorf("view ran: got %v, want %v", rec.viewRan, want.Accepted)
	}
	if want.Reason != nil && (rec.reason == nil || *rec.reason != *want.Reason) {
		t.Errorf("reason: got %q, want %q", deref(rec.reason), *want.Reason)
	}
	if want.Reason == nil && rec.reason != nil && v.Name != "default_failure_view" {
		t.Errorf("reason: got %q, want none", *rec.reason)
	}
	if !slices.Equal(rec.tokens, want.Tokens) && !(len(rec.tokens) == 0 && len(want.Tokens) == 0) {
		t.Errorf("get_token results: got %q, want %q", rec.tokens, want.Tokens)
	}
	if got := w.Header().Values("Set-Cookie"); !slices.Equal(got, want.SetCookie) && !(len(got) == 0 && len(want.SetCookie) == 0) {
		t.Errorf("Set-Cookie: got %q, want %q", got, want.SetCookie)
	}
	if got, wantVary := w.Header().Get("Vary"), deref(want.Vary); (got != "" || want.Vary != nil) && got != wantVary {
		t.Errorf("Vary: got %q, want %q", got, wantVary)
	}
	if want.ContentType != "" {
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, want.ContentType) {
			t.Errorf("Content-Type: got %q, want %s", ct, want.ContentType)
		}
		if !strings.Contains(w.Body.String(), want.BodyContains) {
			t.Errorf("body: got %q, want it to contain %q", w.Body.String(), want.BodyContains)
		}
	}
	if want.SessionAfter != nil {
		checkSession(t, sess, want.SessionAfter)
	}
}

func checkSession(t *testing.T, s *session.Session, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, k := range s.Keys() {
		got[k], _ = s.GetString(k)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("session after: got %v, want %v", got, want)
	}
}

// vectorSession is the session of a CSRF_USE_SESSIONS vector, or nil.
func vectorSession(t *testing.T, v csrfVector) *session.Session {
	t.Helper()
	if v.Request.Session == nil {
		return nil
	}
	s := newTestSession(t)
	for k, val := range v.Request.Session {
		if err := s.Set(k, val); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func withSession(s *session.Session, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(session.NewContext(r.Context(), s)))
	})
}

// newTestSession returns an empty session over an in-memory store.
func newTestSession(t *testing.T) *session.Session {
	t.Helper()
	codec, err := session.NewCodec("test-secret-key", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &session.Config{Store: memStore{}, Codec: codec, CookieAge: time.Hour}
	return session.New(context.Background(), cfg, "")
}

// memStore is a session store that holds nothing: the vectors' sessions
// live in memory for one request.
type memStore struct{}

func (memStore) Load(context.Context, string) (string, error)            { return "", session.ErrNotFound }
func (memStore) Create(context.Context, string, string, time.Time) error { return nil }
func (memStore) Save(context.Context, string, string, time.Time) error   { return nil }
func (memStore) Delete(context.Context, string) error                    { return nil }
