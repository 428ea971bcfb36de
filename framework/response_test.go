package framework_test

import (
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

func TestResponseHelpers(t *testing.T) {
	tests := []struct {
		name                  string
		resp                  *framework.Response
		status                int
		ctype, location, body string
	}{
		{"Text", framework.Text("hi <b>"), 200, "text/plain; charset=utf-8", "", "hi <b>"},
		{"HTML", framework.HTML("<p>hi</p>"), 200, "text/html; charset=utf-8", "", "<p>hi</p>"},
		{"JSON", framework.JSON(map[string]any{"a": 1, "b": "<x>"}), 200, "application/json", "", `{"a":1,"b":"\u003cx\u003e"}`},
		{"JSON error", framework.JSON(math.Inf(1)), 500, "text/html; charset=utf-8", "", framework.ErrorPageHTML(500)},
		{"Redirect", framework.Redirect("/next/?a=1"), 302, "text/html; charset=utf-8", "/next/?a=1", ""},
		{"PermanentRedirect", framework.PermanentRedirect("https://example.com/x"), 301, "text/html; charset=utf-8", "https://example.com/x", ""},
		{"Redirect iri", framework.Redirect("/café/a b\r\nX: y"), 302, "text/html; charset=utf-8", "/caf%C3%A9/a%20b%0D%0AX:%20y", ""},
		{"Redirect unsafe scheme", framework.Redirect("Java\tScript:alert(1)"), 400, "text/html; charset=utf-8", "", framework.ErrorPageHTML(400)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.resp
			if r.Status != tt.status || r.Header.Get("Content-Type") != tt.ctype ||
				r.Header.Get("Location") != tt.location || string(r.Body) != tt.body {
				t.Errorf("got %d %q %q %q, want %d %q %q %q", r.Status, r.Header.Get("Content-Type"),
					r.Header.Get("Location"), r.Body, tt.status, tt.ctype, tt.location, tt.body)
			}
		})
	}
}

func TestResponse_ServeHTTP(t *testing.T) {
	tests := []struct {
		name, method string
		resp         *framework.Response
		wantStatus   int
		wantBody     string
		wantLength   string
	}{
		{"GET", "GET", framework.Text("hello"), 200, "hello", "5"},
		{"HEAD", "HEAD", framework.Text("hello"), 200, "", "5"},
		{"zero status", "GET", &framework.Response{Body: []byte("x")}, 200, "x", "1"},
		{"no content", "GET", &framework.Response{Status: 204, Body: []byte("x")}, 204, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			w.Header().Add("Set-Cookie", "early=1")
			w.Header().Set("Content-Type", "application/octet-stream")
			tt.resp.SetCookie(framework.Cookie{Name: "late", Value: "2"})
			tt.resp.ServeHTTP(w, httptest.NewRequest(tt.method, "/", nil))
			if w.Code != tt.wantStatus || w.Body.String() != tt.wantBody || w.Header().Get("Content-Length") != tt.wantLength {
				t.Errorf("got %d %q length %q, want %d %q length %q", w.Code, w.Body, w.Header().Get("Content-Length"),
					tt.wantStatus, tt.wantBody, tt.wantLength)
			}
			if got := w.Header()["Set-Cookie"]; len(got) != 2 {
				t.Errorf("got Set-Cookie %q, want the earlier cookie kept and the response's added", got)
			}
		})
	}
}

func TestPatchVary(t *testing.T) {
	tests := []struct {
		name     string
		existing []string
		add      []string
		want     string
	}{
		{"empty", nil, []string{"Cookie"}, "Cookie"},
		{"append", []string{"Accept-Encoding"}, []string{"Cookie"}, "Accept-Encoding, Cookie"},
		{"case-insensitive", []string{"accept-encoding, cookie"}, []string{"Cookie", "Accept-Language"}, "accept-encoding, cookie, Accept-Language"},
		{"several lines", []string{"A", "B ,C"}, []string{"c", "D"}, "A, B, C, D"},
		{"star", []string{"A"}, []string{"*", "Cookie"}, "*"},
		{"empty, star", nil, []string{"*"}, "*"},
		{"empty, two", nil, []string{"Cookie", "Accept"}, "Cookie, Accept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tt.existing {
				h.Add("Vary", v)
			}
			framework.PatchVary(h, tt.add...)
			if got := h.Values("Vary"); len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %q, want [%q]", got, tt.want)
			}
		})
	}
}
