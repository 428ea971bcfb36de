package framework_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

// recordingHook appends its name to a log and answers when told to.
type recordingHook struct {
	name   string
	log    *[]string
	answer bool
}

func (h recordingHook) ProcessView(w http.ResponseWriter, r *http.Request, view http.Handler) bool {
	*h.log = append(*h.log, h.name)
	if h.answer {
		http.Error(w, "answered by "+h.name, http.StatusForbidden)
	}
	return h.answer
}

func TestServeView(t *testing.T) {
	tests := []struct {
		name       string
		hooks      []recordingHook
		wantLog    string
		wantStatus int
	}{
		{"no hook", nil, "view", 200},
		{"outermost first", []recordingHook{{name: "outer"}, {name: "inner"}}, "outer,inner,view", 200},
		{"answered", []recordingHook{{name: "outer", answer: true}, {name: "inner"}}, "outer", 403},
		{"inner answers", []recordingHook{{name: "outer"}, {name: "inner", answer: true}}, "outer,inner", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log []string
			view := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { log = append(log, "view") })
			ctx := context.Background()
			for _, h := range tt.hooks {
				h.log = &log
				ctx = framework.WithViewHook(ctx, h)
			}
			w := httptest.NewRecorder()
			framework.ServeView(view).ServeHTTP(w, httptest.NewRequest("POST", "/", nil).WithContext(ctx))
			if got := strings.Join(log, ","); got != tt.wantLog {
				t.Errorf("ran: got %s, want %s", got, tt.wantLog)
			}
			if w.Code != tt.wantStatus {
				t.Errorf("status: got %d, want %d", w.Code, tt.wantStatus)
			}
		})
	}
}

// TestServeView_view checks that a hook sees the handler the URL resolved
// to, so it can look at what the view is (an exempt marker).
func TestServeView_view(t *testing.T) {
	view := framework.View(func(*framework.Request) *framework.Response { return framework.Text("v") })
	var seen http.Handler
	hook := hookFunc(func(w http.ResponseWriter, r *http.Request, v http.Handler) bool { seen = v; return false })
	r := httptest.NewRequest("GET", "/", nil)
	framework.ServeView(view).ServeHTTP(httptest.NewRecorder(), r.WithContext(framework.WithViewHook(r.Context(), hook)))
	if _, ok := seen.(framework.View); !ok {
		t.Errorf("hook saw %T, want the framework.View", seen)
	}
}

type hookFunc func(w http.ResponseWriter, r *http.Request, v http.Handler) bool

func (f hookFunc) ProcessView(w http.ResponseWriter, r *http.Request, v http.Handler) bool {
	return f(w, r, v)
}

func TestHookContext(t *testing.T) {
	type key struct{}
	parent := context.WithValue(context.Background(), "p", "parent value") //nolint:staticcheck // test key
	var c framework.HookContext
	c.Reset(parent, hookFunc(nil), key{}, "own value")
	if got := c.Value(key{}); got != "own value" {
		t.Errorf("own key: got %v, want own value", got)
	}
	if got := c.Value("p"); got != "parent value" {
		t.Errorf("parent key: got %v, want parent value", got)
	}
	if c.Err() != nil || c.Done() != nil {
		t.Error("Err and Done: want the parent's (nil)")
	}
	var empty framework.HookContext
	empty.Reset(parent, hookFunc(nil), nil, nil)
	if got := empty.Value(nil); got != nil {
		t.Errorf("nil key: got %v, want nil", got)
	}
}
