package messages_test

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	cmessages "github.com/manouche-go/manouche/contrib/messages"
	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/messages"
	"github.com/manouche-go/manouche/framework/templates"
)

// browser drives a handler with a cookie jar of one cookie: "messages".
type browser struct {
	t      *testing.T
	h      http.Handler
	cookie string
	logs   *strings.Builder
}

// newBrowser serves three views behind the middleware: /add/?text=...
// adds a success message, /show/ renders the messages, /other/ renders a
// page without them.
func newBrowser(t *testing.T, o cmessages.Options) *browser {
	t.Helper()
	b := &browser{t: t, logs: &strings.Builder{}}
	o.SecretKey = "messages-test-secret-key"
	o.Logger = slog.New(slog.NewTextHandler(b.logs, nil))
	mw, err := cmessages.Middleware(o)
	if err != nil {
		t.Fatal(err)
	}
	engine, err := templates.New(templates.Options{FS: []fs.FS{fstest.MapFS{
		"show.html":  {Data: []byte(`<< range .Messages >>[<< .Tags >>|<< .HTML >>]<< else >>none<< end >>`)},
		"other.html": {Data: []byte(`other`)},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	env := &framework.Env{Templates: engine, ContextProcessors: []framework.ContextProcessor{cmessages.Processor}}
	view := framework.View(func(req *framework.Request) *framework.Response {
		switch req.Path {
		case "/add/":
			level := messages.LevelSuccess
			if req.GET.Get("level") == "debug" {
				level = messages.LevelDebug
			}
			if err := messages.Add(req, level, req.GET.Get("text"), req.GET.Get("tags")); err != nil {
				return framework.ServerError(req, err)
			}
			if req.GET.Has("html") {
				messages.AddHTML(req, messages.LevelInfo, "<b>bold</b>", "")
			}
			return framework.Redirect("/show/")
		case "/show/":
			return framework.Render(req, "show.html", nil)
		}
		return framework.Render(req, "other.html", nil)
	})
	inner := mw(view)
	b.h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner.ServeHTTP(w, r.WithContext(framework.WithEnv(r.Context(), env)))
	})
	return b
}

// get requests target and keeps the messages cookie as a browser would.
func (b *browser) get(target string) (body string, setCookie []string) {
	b.t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	if b.cookie != "" {
		r.Header.Set("Cookie", "messages="+b.cookie)
	}
	w := httptest.NewRecorder()
	b.h.ServeHTTP(w, r)
	for _, c := range w.Result().Cookies() {
		if c.Name == "messages" {
			b.cookie = c.Value
			if c.MaxAge < 0 {
				b.cookie = ""
			}
		}
	}
	return w.Body.String(), w.Header().Values("Set-Cookie")
}

func TestMiddleware_shownOnce(t *testing.T) {
	b := newBrowser(t, cmessages.Options{})
	if _, set := b.get("/add/?text=Saved."); len(set) != 1 || b.cookie == "" {
		t.Fatalf("add: got Set-Cookie %q, want the messages cookie", set)
	}
	if body, set := b.get("/other/"); body != "other" || len(set) != 0 {
		t.Errorf("a page that does not show them: got %q, Set-Cookie %q, want the cookie kept", body, set)
	}
	if body, _ := b.get("/show/"); body != "[success|Saved.]" {
		t.Errorf("next page: got %q, want the message", body)
	}
	if b.cookie != "" {
		t.Error("after showing: want the cookie deleted")
	}
	if body, _ := b.get("/show/"); body != "none" {
		t.Errorf("again: got %q, want no messages", body)
	}
}

func TestMiddleware_levelsTagsAndHTML(t *testing.T) {
	tests := []struct {
		name   string
		o      cmessages.Options
		target string
		want   string
	}{
		{"debug dropped by default", cmessages.Options{}, "/add/?text=x&level=debug", "none"},
		{"MESSAGE_LEVEL debug", cmessages.Options{Level: messages.LevelDebug}, "/add/?text=x&level=debug", "[debug|x]"},
		{"empty text dropped", cmessages.Options{}, "/add/?text=", "none"},
		{"extra tags", cmessages.Options{}, "/add/?text=x&tags=alert", "[alert success|x]"},
		{"MESSAGE_TAGS", cmessages.Options{Tags: map[messages.Level]string{messages.LevelSuccess: "ok"}}, "/add/?text=x", "[ok|x]"},
		{"escaped, and HTML kept", cmessages.Options{}, "/add/?text=%3Cb%3E&html=1", "[success|&lt;b&gt;][info|<b>bold</b>]"},
		{"cookie storage", cmessages.Options{Storage: cmessages.Cookie}, "/add/?text=x", "[success|x]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t, tt.o)
			b.get(tt.target)
			if body, _ := b.get("/show/"); body != tt.want {
				t.Errorf("got %q, want %q", body, tt.want)
			}
		})
	}
}

// TestMiddleware_tampered checks that a tampered cookie gives no messages
// and no error, and is not trusted.
func TestMiddleware_tampered(t *testing.T) {
	b := newBrowser(t, cmessages.Options{})
	b.get("/add/?text=Saved.")
	b.cookie = strings.Replace(b.cookie, "W1", "W2", 1)
	if body, _ := b.get("/show/"); body != "none" {
		t.Errorf("tampered cookie: got %q, want no messages", body)
	}
	if b.logs.Len() != 0 {
		t.Errorf("log: got %q, want nothing", b.logs)
	}
}

func TestAdd_notInstalled(t *testing.T) {
	req := framework.RequestFrom(httptest.NewRequest("GET", "/", nil))
	if err := messages.Success(req, "x"); !errors.Is(err, messages.ErrNotInstalled) {
		t.Errorf("got %v, want ErrNotInstalled", err)
	}
	for range messages.Get(req) {
		t.Error("Get without middleware: got a message")
	}
}

func TestMiddleware_badOptions(t *testing.T) {
	if _, err := cmessages.Middleware(cmessages.Options{Storage: "redis", SecretKey: "k"}); err == nil || !strings.Contains(err.Error(), `unknown storage "redis"`) {
		t.Errorf("unknown storage: got %v", err)
	}
	if _, err := cmessages.Middleware(cmessages.Options{}); err == nil {
		t.Error("empty secret key: got no error")
	}
}

// TestMiddleware_sessionStorageWithoutSession logs instead of failing.
func TestMiddleware_sessionStorageWithoutSession(t *testing.T) {
	b := newBrowser(t, cmessages.Options{Storage: cmessages.Session})
	if _, set := b.get("/add/?text=x"); len(set) != 0 {
		t.Errorf("Set-Cookie: got %q, want none", set)
	}
	if !strings.Contains(b.logs.String(), "no session") {
		t.Errorf("log: got %q, want the missing session named", b.logs)
	}
}
