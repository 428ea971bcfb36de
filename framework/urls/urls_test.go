package urls_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/urls"
)

// echo is a view that prints its name and path parameters.
func echo(name string) framework.View {
	return func(req *framework.Request) *framework.Response {
		return framework.Text(fmt.Sprintf("%s %s id=%s rest=%s", name, req.Method, req.HTTP.PathValue("id"), req.HTTP.PathValue("*")))
	}
}

func testPatterns() []urls.Pattern {
	return []urls.Pattern{
		urls.Path("/", echo("index"), "index"),
		urls.Include("/shop",
			urls.Path("/", echo("shop"), "shop"),
			urls.Path("/items/{id}/", echo("item"), "shop-item"),
			urls.Include("/admin/",
				urls.Path("/orders/{id:[0-9]+}/", echo("order"), "shop-order"),
			),
		),
		{Path: "/post-only/", Name: "post-only", Handler: echo("post"), Methods: []string{"POST"}},
		urls.Handle("/static/*", echo("static"), "static"),
		urls.Path("/noslash", echo("noslash"), ""),
	}
}

func newRouter(t *testing.T, o urls.Options) *urls.Router {
	t.Helper()
	rt, err := urls.NewRouter(testPatterns(), o)
	if err != nil {
		t.Fatalf("NewRouter: %v", err)
	}
	return rt
}

func do(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

func TestRouter_ServeHTTP(t *testing.T) {
	rt := newRouter(t, urls.Options{})
	tests := []struct {
		method, target string
		wantStatus     int
		wantBody       string // prefix
		wantAllow      string
	}{
		{"GET", "/", 200, "index GET", ""},
		{"GET", "/shop/", 200, "shop GET", ""},
		{"GET", "/shop/items/a%20b/", 200, "item GET id=a b", ""},
		{"DELETE", "/shop/items/7/", 200, "item DELETE id=7", ""},
		{"GET", "/shop/admin/orders/42/", 200, "order GET id=42", ""},
		{"GET", "/shop/admin/orders/x/", 404, "\n<!doctype html>", ""},
		{"POST", "/post-only/", 200, "post POST", ""},
		{"GET", "/post-only/", 405, "\n<!doctype html>", "POST"},
		{"FOO", "/post-only/", 405, "\n<!doctype html>", "POST"},
		{"GET", "/static/css/site.css", 200, "static GET id= rest=css/site.css", ""},
		{"GET", "/nowhere/", 404, "\n<!doctype html>", ""},
		{"GET", "/shop", 404, "\n<!doctype html>", ""}, // APPEND_SLASH off
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			w := do(rt, tt.method, tt.target)
			if w.Code != tt.wantStatus || !strings.HasPrefix(w.Body.String(), tt.wantBody) || w.Header().Get("Allow") != tt.wantAllow {
				t.Errorf("got %d %q Allow %q, want %d %q Allow %q", w.Code, w.Body, w.Header().Get("Allow"),
					tt.wantStatus, tt.wantBody, tt.wantAllow)
			}
		})
	}
}

func TestRouter_appendSlash(t *testing.T) {
	patterns := append(testPatterns(), urls.Path("//evil.example/x/", echo("evil"), "evil"), urls.Path("/{a}/{b}/", echo("two"), "two"))
	rt, err := urls.NewRouter(patterns, urls.Options{AppendSlash: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, target string
		wantStatus     int
		wantLocation   string
	}{
		{"GET", "/shop", 301, "/shop/"},
		{"HEAD", "/shop", 301, "/shop/"},
		{"GET", "/shop/items/a%2Fb?x=1&y=%20", 301, "/shop/items/a%2Fb/?x=1&y=%20"},
		{"GET", "/caf%C3%A9/x", 301, "/caf%C3%A9/x/"},
		{"GET", "//evil.example/x", 301, "/%2Fevil.example/x/"},
		{"POST", "/shop", 404, ""},
		{"GET", "/noslash", 200, ""},
		{"GET", "/nowhere", 404, ""},
		{"GET", "/nowhere/", 404, ""},
		{"GET", "/post-only", 301, "/post-only/"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			w := do(rt, tt.method, tt.target)
			if w.Code != tt.wantStatus || w.Header().Get("Location") != tt.wantLocation {
				t.Errorf("got %d Location %q, want %d %q", w.Code, w.Header().Get("Location"), tt.wantStatus, tt.wantLocation)
			}
		})
	}
}

func TestRouter_customHandlers(t *testing.T) {
	custom := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(418)
			fmt.Fprintf(w, "%s Allow=%s", name, w.Header().Get("Allow"))
		})
	}
	rt := newRouter(t, urls.Options{NotFound: custom("nf"), MethodNotAllowed: custom("mna")})
	tests := []struct{ method, target, want string }{
		{"GET", "/nowhere/", "nf Allow="},
		{"PUT", "/post-only/", "mna Allow=POST"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if w := do(rt, tt.method, tt.target); w.Code != 418 || w.Body.String() != tt.want {
				t.Errorf("got %d %q, want 418 %q", w.Code, w.Body, tt.want)
			}
		})
	}
}

func TestRouter_debug404(t *testing.T) {
	rt := newRouter(t, urls.Options{})
	env := &framework.Env{Debug: true, URLPatterns: rt.Patterns()}
	r := httptest.NewRequest("GET", "/nowhere/", nil)
	w := httptest.NewRecorder()
	rt.ServeHTTP(w, r.WithContext(framework.WithEnv(r.Context(), env)))
	for _, want := range []string{"Page not found", "<code>/shop/items/{id}/ [name=&#39;shop-item&#39;]</code>", "<code>/nowhere/</code>"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("got %s\nwant it to contain %q", w.Body, want)
		}
	}
}

func TestRouter_Patterns(t *testing.T) {
	want := []string{
		"/ [name='index']", "/shop/ [name='shop']", "/shop/items/{id}/ [name='shop-item']",
		"/shop/admin/orders/{id:[0-9]+}/ [name='shop-order']", "/post-only/ [name='post-only']",
		"/static/* [name='static']", "/noslash",
	}
	if got := newRouter(t, urls.Options{}).Patterns(); !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestNewRouter_errors(t *testing.T) {
	v := echo("v")
	tests := []struct {
		name     string
		patterns []urls.Pattern
		want     string
	}{
		{"duplicate name", []urls.Pattern{urls.Path("/a/", v, "x"), urls.Include("/b", urls.Path("/", v, "x"))},
			`urls: duplicate URL name "x" (/a/ and /b/)`},
		{"no leading slash", []urls.Pattern{urls.Path("a/", v, "a")}, `urls: pattern "a/" must start with "/"`},
		{"nil view", []urls.Pattern{urls.Path("/a/", nil, "a")}, `urls: pattern "/a/" (name "a") has no handler`},
		{"bad regexp", []urls.Pattern{urls.Path("/{id:[}/", v, "a")}, `urls: pattern "/{id:[}/": param "id": error parsing regexp`},
		{"unclosed param", []urls.Pattern{urls.Path("/{id/", v, "a")}, `urls: pattern "/{id/": missing "}"`},
		{"wildcard not last", []urls.Pattern{urls.Path("/a/*/b", v, "a")}, `urls: pattern "/a/*/b": chi: wildcard`},
		{"bad method", []urls.Pattern{{Path: "/a/", Handler: v, Methods: []string{"FETCH"}}}, `urls: pattern "/a/": chi: 'FETCH' http method is not supported.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := urls.NewRouter(tt.patterns, urls.Options{})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want an error starting %q", err, tt.want)
			}
		})
	}
}

func TestNewRouter_firstPatternWins(t *testing.T) {
	rt, err := urls.NewRouter([]urls.Pattern{
		urls.Path("/a/", echo("first"), "first"),
		urls.Path("/a/", echo("second"), "second"),
	}, urls.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := do(rt, "GET", "/a/"); !strings.HasPrefix(w.Body.String(), "first") {
		t.Errorf("got %q, want the first pattern's view", w.Body)
	}
	if got, err := rt.Reverse("second"); got != "/a/" || err != nil {
		t.Errorf("Reverse(second): got %q, %v; want /a/", got, err)
	}
}

func TestRouter_Reverse(t *testing.T) {
	rt, err := urls.NewRouter(append(testPatterns(),
		urls.Path("/y/{year:[0-9]{4}}/{slug}/", echo("y"), "year"),
	), urls.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []any
		want string // a path, or the error text
	}{
		{"index", nil, "/"},
		{"shop", nil, "/shop/"},
		{"shop-item", []any{7}, "/shop/items/7/"},
		{"shop-item", []any{"a b/c?"}, "/shop/items/a%20b%2Fc%3F/"},
		{"shop-order", []any{42}, "/shop/admin/orders/42/"},
		{"year", []any{2024, "hello"}, "/y/2024/hello/"},
		{"static", []any{"css/a b.css"}, "/static/css/a%20b.css"},
		{"static", []any{""}, "/static/"},
		{"missing", nil, `urls: reverse "missing": no pattern has this name: urls: no reverse match`},
		{"shop-item", nil, `urls: reverse "shop-item" (/shop/items/{id}/): got 0 arguments, want 1 (id): urls: no reverse match`},
		{"shop", []any{1}, `urls: reverse "shop" (/shop/): got 1 arguments, want 0 (): urls: no reverse match`},
		{"shop-order", []any{"x"}, `urls: reverse "shop-order" (/shop/admin/orders/{id:[0-9]+}/): value "x" does not match {id:[0-9]+}: urls: no reverse match`},
		{"year", []any{24, "s"}, `urls: reverse "year" (/y/{year:[0-9]{4}}/{slug}/): value "24" does not match {year:[0-9]{4}}: urls: no reverse match`},
		{"shop-item", []any{""}, `urls: reverse "shop-item" (/shop/items/{id}/): empty value for {id}: urls: no reverse match`},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.name, tt.args), func(t *testing.T) {
			got, err := rt.Reverse(tt.name, tt.args...)
			if err != nil {
				if !errors.Is(err, urls.ErrNoReverseMatch) {
					t.Errorf("got %v, want it to wrap ErrNoReverseMatch", err)
				}
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestRouter_reverseRoundTrip(t *testing.T) {
	rt := newRouter(t, urls.Options{})
	path, err := rt.Reverse("shop-item", "a b/c")
	if err != nil {
		t.Fatal(err)
	}
	if w := do(rt, "GET", path); w.Body.String() != "item GET id=a b/c rest=" {
		t.Errorf("got %q for %s, want the item view with id %q", w.Body, path, "a b/c")
	}
}

func TestNewRouter_firstPatternWinsPerMethod(t *testing.T) {
	rt, err := urls.NewRouter([]urls.Pattern{
		{Path: "/a/", Handler: echo("get"), Methods: []string{"get"}},
		urls.Path("/a/", echo("any"), ""),
		urls.Path("/a/", echo("later"), ""),
		{Path: "/a/", Handler: echo("post"), Methods: []string{"POST"}},
	}, urls.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ method, want string }{
		{"GET", "get GET"},
		{"POST", "any POST"},
		{"DELETE", "any DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			if w := do(rt, tt.method, "/a/"); !strings.HasPrefix(w.Body.String(), tt.want) {
				t.Errorf("got %q, want %q", w.Body, tt.want)
			}
		})
	}
}
