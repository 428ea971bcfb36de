package framework_test

import (
	"errors"
	"io/fs"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
	"github.com/manouche-go/manouche/framework/signing"
	"github.com/manouche-go/manouche/framework/templates"
)

// countingCookies is a session.CookieStore that counts loads.
type countingCookies struct{ loads int }

func (c *countingCookies) DecodeCookie(value string, now time.Time) (*signing.Dict, error) {
	c.loads++
	d := signing.NewDict()
	d.Set("greeting", "Hello <world>")
	d.Set("num_visits", int64(3))
	return d, nil
}

func (c *countingCookies) EncodeCookie(*signing.Dict, time.Time) (string, error) { return "", nil }

func newEngine(t *testing.T, files map[string]string) *templates.Engine {
	t.Helper()
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	e, err := templates.New(templates.Options{FS: []fs.FS{m}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// newRequest returns a Request with env and, unless store is nil, a
// session whose loads store counts.
func newRequest(t *testing.T, env *framework.Env, store *countingCookies, target string) *framework.Request {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	r.Header.Set("Cookie", "sessionid=abcdefgh12345678; theme=dark")
	ctx := framework.WithEnv(r.Context(), env)
	if store != nil {
		s := session.New(ctx, &session.Config{Cookie: store}, "abcdefgh12345678")
		ctx = session.NewContext(ctx, s)
	}
	return framework.RequestFrom(r.WithContext(ctx))
}

func TestRender_session(t *testing.T) {
	engine := newEngine(t, map[string]string{
		"greet.html":   `<< .Request.Session.greeting >>, visit << .Request.Session.num_visits >><< .Request.Session.nope >>`,
		"twice.html":   `<< .Request.Session.greeting >>|<< with .Request.Session >><< .num_visits >><< end >>`,
		"nosess.html":  `<< .Request.Path >> << .Request.Method >> << .Request.GET.Get "q" >> << .Request.COOKIES.theme >> << .Title >>`,
		"missing.html": `[<< .Request.Session.greeting >>]`,
	})
	tests := []struct {
		name, tmpl string
		noSession  bool
		want       string
		wantLoads  int
	}{
		{"reads values", "greet.html", false, "Hello &lt;world&gt;, visit 3", 1},
		{"loads once per render", "twice.html", false, "Hello &lt;world&gt;|3", 1},
		{"never loads unused session", "nosess.html", false, "/p/ GET x&amp;y dark T&lt;", 0},
		{"no session middleware", "missing.html", true, "[]", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &countingCookies{}
			if tt.noSession {
				store = nil
			}
			req := newRequest(t, &framework.Env{Templates: engine}, store, "/p/?q=x%26y")
			resp := framework.Render(req, tt.tmpl, map[string]any{"Title": "T<"})
			if resp.Status != 200 || string(resp.Body) != tt.want {
				t.Errorf("got %d %q, want 200 %q", resp.Status, resp.Body, tt.want)
			}
			if ct := resp.Header.Get("Content-Type"); ct != framework.ContentTypeHTML {
				t.Errorf("got Content-Type %q, want %q", ct, framework.ContentTypeHTML)
			}
			if store != nil && store.loads != tt.wantLoads {
				t.Errorf("got %d session loads, want %d", store.loads, tt.wantLoads)
			}
			if store != nil && req.Session.Accessed() != (tt.wantLoads > 0) {
				t.Errorf("got Accessed %v, want %v", req.Session.Accessed(), tt.wantLoads > 0)
			}
		})
	}
}

func TestRender_errors(t *testing.T) {
	engine := newEngine(t, map[string]string{"bad.html": `<< .X.Y >>`})
	tests := []struct {
		name      string
		env       framework.Env
		tmpl      string
		wantDebug string // in the DEBUG page; never in the plain page
	}{
		{"missing template", framework.Env{Templates: engine}, "nope.html", `&#34;nope.html&#34; not found; tried fs[0]: nope.html`},
		{"exec error", framework.Env{Templates: engine}, "bad.html", `can&#39;t evaluate field Y`},
		{"no engine", framework.Env{}, "a.html", "no template engine"},
	}
	for _, tt := range tests {
		for _, debug := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{true: " debug"}[debug], func(t *testing.T) {
				logger, logs := newTestLogger()
				env := tt.env
				env.Debug, env.Logger = debug, logger
				resp := framework.Render(newRequest(t, &env, nil, "/"), tt.tmpl, map[string]any{"X": 1})
				body := string(resp.Body)
				if resp.Status != 500 || strings.Contains(body, tt.wantDebug) != debug {
					t.Errorf("got %d %q; want 500, detail %q shown = %v", resp.Status, body, tt.wantDebug, debug)
				}
				if n := strings.Count(logs.String(), "level=ERROR"); n != 1 {
					t.Errorf("got %d error log lines, want 1: %s", n, logs)
				}
			})
		}
	}
}

func TestRender_keepsRequestKey(t *testing.T) {
	engine := newEngine(t, map[string]string{"a.html": `<< .Request >>`})
	resp := framework.Render(newRequest(t, &framework.Env{Templates: engine}, nil, "/"), "a.html", map[string]any{"Request": "mine"})
	if string(resp.Body) != "mine" {
		t.Errorf("got %q, want the caller's Request value %q", resp.Body, "mine")
	}
}

func TestReverse(t *testing.T) {
	env := &framework.Env{Reverse: func(name string, args ...any) (string, error) {
		if name == "item" && len(args) == 1 {
			return "/items/" + args[0].(string) + "/", nil
		}
		return "", errors.New("no match")
	}}
	req := newRequest(t, env, nil, "/")
	if got, err := framework.Reverse(req, "item", "7"); got != "/items/7/" || err != nil {
		t.Errorf("got %q, %v; want /items/7/", got, err)
	}
	if _, err := framework.Reverse(newRequest(t, &framework.Env{}, nil, "/"), "item"); !errors.Is(err, framework.ErrNoReverse) {
		t.Errorf("got %v, want ErrNoReverse", err)
	}
}
