package framework_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

func TestView_ServeHTTP(t *testing.T) {
	tests := []struct {
		name       string
		view       framework.View
		debug      bool
		wantStatus int
		wantBody   string // substring
		notBody    string
		wantLog    string // substring of the single log line; "" means no log
	}{
		{"ok", func(*framework.Request) *framework.Response { return framework.Text("hi") }, false, 200, "hi", "", ""},
		{"panic", func(*framework.Request) *framework.Response { panic("secret detail") }, false,
			500, "Server Error (500)", "secret detail", `msg="framework: server error" method=GET path=/v/ err="framework: panic in view: secret detail" stack=`},
		{"panic debug", func(*framework.Request) *framework.Response { panic(errors.New("kaboom")) }, true,
			500, "framework: panic in view: kaboom", "", "kaboom"},
		{"nil response", func(*framework.Request) *framework.Response { return nil }, false,
			500, "Server Error (500)", "", "view returned a nil *Response"},
		{"JSON error logged", func(*framework.Request) *framework.Response { return framework.JSON(func() {}) }, false,
			500, "Server Error (500)", "func()", `level=ERROR msg="framework: error response" method=GET path=/v/ status=500 err="framework: JSON response: json: unsupported type: func()"`},
		{"unsafe redirect logged", func(*framework.Request) *framework.Response { return framework.Redirect("data:x") }, false,
			400, "Bad Request (400)", "", `level=WARN msg="framework: error response" method=GET path=/v/ status=400`},
		{"not found is not logged", func(r *framework.Request) *framework.Response { return framework.NotFound(r, "") }, false,
			404, "Not Found", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := newTestLogger()
			r := httptest.NewRequest("GET", "/v/", nil)
			r = r.WithContext(framework.WithEnv(r.Context(), &framework.Env{Debug: tt.debug, Logger: logger}))
			w := serve(tt.view, r)
			body := w.Body.String()
			if w.Code != tt.wantStatus || !strings.Contains(body, tt.wantBody) || (tt.notBody != "" && strings.Contains(body, tt.notBody)) {
				t.Errorf("got %d %q, want %d containing %q and not %q", w.Code, body, tt.wantStatus, tt.wantBody, tt.notBody)
			}
			out := logs.String()
			switch {
			case tt.wantLog == "" && out != "":
				t.Errorf("got log %q, want none", out)
			case tt.wantLog != "" && (strings.Count(out, "\n") != 1 || !strings.Contains(out, tt.wantLog)):
				t.Errorf("got log %q, want one line containing %q", out, tt.wantLog)
			}
		})
	}
}

func TestView_panicOverRealServer(t *testing.T) {
	view := framework.View(func(*framework.Request) *framework.Response { panic("boom") })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		view.ServeHTTP(w, r.WithContext(framework.WithEnv(r.Context(), &framework.Env{Logger: discardLogger()})))
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatalf("got %v, want a 500 response", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 500 {
		t.Errorf("got status %d, want 500", resp.StatusCode)
	}
}

func TestView_abortHandler(t *testing.T) {
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Errorf("got panic %v, want http.ErrAbortHandler re-panicked", p)
		}
	}()
	view := framework.View(func(*framework.Request) *framework.Response { panic(http.ErrAbortHandler) })
	serve(view, httptest.NewRequest("GET", "/", nil))
}

func TestEnvFrom(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	if e := framework.EnvFrom(r.Context()); e == nil || e.Debug || e.Templates != nil {
		t.Errorf("got %+v, want a zero Env", e)
	}
	env := &framework.Env{Debug: true}
	if got := framework.EnvFrom(framework.WithEnv(r.Context(), env)); got != env {
		t.Errorf("got %p, want the stored Env %p", got, env)
	}
}
