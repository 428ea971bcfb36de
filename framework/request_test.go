package framework_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

func TestParseCookies(t *testing.T) {
	// Cases from Django's tests/requests/tests.py and httpwrappers tests.
	tests := []struct {
		header string
		want   map[string]string
	}{
		{"chips=ahoy; vienna=finger", map[string]string{"chips": "ahoy", "vienna": "finger"}},
		{`keebler="E=mc2; L=\"Loves\"; fudge=\012;"`, map[string]string{
			"keebler": `"E=mc2`, "L": `\"Loves\"`, "fudge": `\012`, "": `"`}},
		{"keebler=E=mc2", map[string]string{"keebler": "E=mc2"}},
		{"key:term=value:term", map[string]string{"key:term": "value:term"}},
		{"a=b; c=[; d=r; f=h", map[string]string{"a": "b", "c": "[", "d": "r", "f": "h"}},
		{"a=b; Domain=example.com", map[string]string{"a": "b", "Domain": "example.com"}},
		{"a=b; h=i; a=c", map[string]string{"a": "c", "h": "i"}},
		{"a:=b; a:=c; d=e", map[string]string{"a:": "c", "d": "e"}},
		{"abc=def; unnamed; django_language=en", map[string]string{"": "unnamed", "abc": "def", "django_language": "en"}},
		{`a=b; "; c=d`, map[string]string{"a": "b", "": `"`, "c": "d"}},
		{"a b c=d e = f; gh=i", map[string]string{"a b c": "d e = f", "gh": "i"}},
		{`a   b,c<>@:/[]?{}=d  "  =e,f g`, map[string]string{`a   b,c<>@:/[]?{}`: `d  "  =e,f g`}},
		{"saint=André Bessette", map[string]string{"saint": "André Bessette"}},
		{"  =  b  ;  ;  =  ;   c  =  ;  ", map[string]string{"": "b", "c": ""}},
		{`q="a\"b\\c\054d\012"; e=""`, map[string]string{"q": "a\"b\\c,d\n", "e": ""}},
		{`u="\é"; w="x\`, map[string]string{"u": "é", "w": `"x\`}},
		{"", map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := framework.ParseCookies(tt.header); !maps.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// serve runs view on r through View.ServeHTTP and returns the recorder.
func serve(view framework.View, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	view.ServeHTTP(w, r)
	return w
}

func TestRequestFrom_fields(t *testing.T) {
	r := httptest.NewRequest("POST", "/a%20b/?q=1&q=2&x", strings.NewReader("name=ann&name=bob&z=%C3%A9"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	r.Header.Add("Cookie", "a=1; b=2")
	r.Header.Add("Cookie", "a=3") // HTTP/2 sends one header per cookie
	s := session.New(context.Background(), &session.Config{}, "")
	r = r.WithContext(session.NewContext(r.Context(), s))

	req := framework.RequestFrom(r)
	checks := []struct{ what, got, want string }{
		{"Method", req.Method, "POST"},
		{"Path", req.Path, "/a b/"},
		{"GET", req.GET.Encode(), "q=1&q=2&x="},
		{"POST", req.POST.Encode(), "name=ann&name=bob&z=%C3%A9"},
		{"COOKIES", req.COOKIES["a"] + req.COOKIES["b"], "32"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
	if req.Session != s || req.HTTP != r || req.Err() != nil {
		t.Errorf("got Session %p, HTTP %p, Err %v; want %p, %p, nil", req.Session, req.HTTP, req.Err(), s, r)
	}
	again := framework.RequestFrom(r) // body already consumed: POST comes from r.PostForm
	if again.POST.Get("name") != "ann" {
		t.Errorf("second RequestFrom: got POST %q, want the same form", again.POST)
	}
}

func TestRequestFrom_noSession(t *testing.T) {
	req := framework.RequestFrom(httptest.NewRequest("GET", "/", nil))
	if req.POST == nil || len(req.POST) != 0 || len(req.COOKIES) != 0 {
		t.Errorf("got POST %#v, COOKIES %v; want empty, empty", req.POST, req.COOKIES)
	}
	if req.Session == nil || !errors.Is(req.Session.Err(), framework.ErrNoSession) {
		t.Fatalf("got Session %v; want one that fails with ErrNoSession", req.Session)
	}
	if err := req.Session.Set("k", "v"); !errors.Is(err, framework.ErrNoSession) {
		t.Errorf("Set without middleware: got %v, want ErrNoSession", err)
	}
	if req.Env() == nil {
		t.Error("got nil Env, want the default Env")
	}
}

func TestRequestFrom_insideView(t *testing.T) {
	var same bool
	view := framework.View(func(req *framework.Request) *framework.Response {
		same = framework.RequestFrom(req.HTTP) == req
		return framework.Text("ok")
	})
	serve(view, httptest.NewRequest("GET", "/", nil))
	if !same {
		t.Error("RequestFrom(req.HTTP) inside a view: got a new Request, want the view's")
	}
}

func multipartBody(t *testing.T, fields map[string]string) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, _ := mw.CreateFormFile("upload", "f.txt")
	fw.Write([]byte("file content"))
	mw.Close()
	return mw.FormDataContentType(), &b
}

func TestView_POST(t *testing.T) {
	mpType, mpBody := multipartBody(t, map[string]string{"name": "ann"})
	const form = "application/x-www-form-urlencoded"
	tests := []struct {
		name, method, ctype, body string
		limit                     int64
		wantStatus                int
		wantPOST                  string // "" with 200: empty POST
	}{
		{"form", "POST", form, "a=1&b=2", 0, 200, "a=1&b=2"},
		{"at the limit", "POST", form, "a=123", 5, 200, "a=123"},
		{"over the limit", "POST", form, "a=1234", 5, 400, ""},
		{"default limit", "POST", form, "a=" + strings.Repeat("x", framework.DefaultMaxBodyBytes), 0, 400, ""},
		{"no limit", "POST", form, "a=" + strings.Repeat("x", framework.DefaultMaxBodyBytes), -1, 200, "len"},
		{"malformed", "POST", form, "a=%zz", 0, 400, ""},
		{"multipart", "POST", mpType, mpBody.String(), 0, 200, "name=ann"},
		{"multipart malformed", "POST", "multipart/form-data; boundary=x", "garbage", 0, 400, ""},
		{"json is not parsed", "POST", "application/json", `{"a":1}`, 0, 200, ""},
		{"PUT is not parsed", "PUT", form, "a=1", 0, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got url.Values
			called := false
			view := framework.View(func(req *framework.Request) *framework.Response {
				called, got = true, req.POST
				return framework.Text("ok")
			})
			r := httptest.NewRequest(tt.method, "/", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.ctype)
			r = r.WithContext(framework.WithEnv(r.Context(), &framework.Env{MaxBodyBytes: tt.limit, Logger: discardLogger()}))
			w := serve(view, r)
			if w.Code != tt.wantStatus {
				t.Fatalf("got status %d, want %d", w.Code, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				if called {
					t.Error("the view ran, want a 400 before it")
				}
				return
			}
			switch {
			case tt.wantPOST == "len":
				if len(got.Get("a")) != framework.DefaultMaxBodyBytes {
					t.Errorf("got a field of %d bytes, want %d", len(got.Get("a")), framework.DefaultMaxBodyBytes)
				}
			case got.Encode() != tt.wantPOST:
				t.Errorf("got POST %q, want %q", got.Encode(), tt.wantPOST)
			}
		})
	}
}

func TestRequest_Err(t *testing.T) {
	tests := []struct {
		body string
		want error
	}{
		{"a=123456", framework.ErrBodyTooLarge},
		{"a=%zz", framework.ErrBadForm},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r = r.WithContext(framework.WithEnv(r.Context(), &framework.Env{MaxBodyBytes: 6}))
			if err := framework.RequestFrom(r).Err(); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestView_bodyErrorMessages(t *testing.T) {
	tests := []struct{ body, want string }{
		{"a=123456", "request body too large"},
		{"a=%zz", "malformed form data"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r = r.WithContext(framework.WithEnv(r.Context(), &framework.Env{MaxBodyBytes: 6, Debug: true}))
			w := serve(func(*framework.Request) *framework.Response { return framework.Text("ok") }, r)
			if w.Code != 400 || !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("got %d %q, want 400 with %q", w.Code, w.Body.String(), tt.want)
			}
		})
	}
}

// TestCookieValue agrees with ParseCookies on every header, one name at a
// time, including repeated names, quoting and several Cookie lines.
func TestCookieValue(t *testing.T) {
	headers := [][]string{
		{`a=1; b=2; a=3`},
		{`sid="ab\\"c\\073d"; x=y`},
		{`a=1`, `a=2; b=`},
		{`;;=;a; b=4`},
		{},
	}
	for _, lines := range headers {
		r := httptest.NewRequest("GET", "/", nil)
		for _, l := range lines {
			r.Header.Add("Cookie", l)
		}
		want := framework.ParseCookies(strings.Join(lines, "; "))
		for _, name := range []string{"a", "b", "sid", "x", "missing"} {
			got, ok := framework.CookieValue(r, name)
			if w, wok := want[name]; got != w || ok != wok {
				t.Errorf("CookieValue(%q) with %q: got %q, %v; want %q, %v", name, lines, got, ok, w, wok)
			}
		}
	}
}
