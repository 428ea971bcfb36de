package framework_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework"
)

func TestRequiredField(t *testing.T) {
	tests := []struct {
		name   string
		post   url.Values
		want   string
		status int // 0: no error response
	}{
		{"present", url.Values{"f": {"ann", "bob"}}, "ann", 0},
		{"empty is present", url.Values{"f": {""}}, "", 0},
		{"at the limit", url.Values{"f": {"abcd"}}, "abcd", 0},
		{"missing", url.Values{"g": {"x"}}, "", http.StatusBadRequest},
		{"too long", url.Values{"f": {"abcde"}}, "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := framework.RequiredField(&framework.Request{POST: tt.post}, "f", 4)
			status := 0
			if bad != nil {
				status = bad.Status
			}
			if got != tt.want || status != tt.status {
				t.Errorf("got %q and status %d, want %q and %d", got, status, tt.want, tt.status)
			}
		})
	}
}

func TestPostForm(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader("a=1&a=2&b=x"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	form, err := framework.PostForm(nil, r)
	if err != nil || form.Get("b") != "x" || len(form["a"]) != 2 {
		t.Fatalf("got %v %v, want the form", form, err)
	}
	if req := framework.RequestFrom(r); req.POST.Get("b") != "x" {
		t.Errorf("Request built afterwards: got POST %v, want the fields parsed once", req.POST)
	}
	bad := httptest.NewRequest("POST", "/", strings.NewReader("%zz"))
	bad.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := framework.PostForm(nil, bad); !errors.Is(err, framework.ErrBadForm) {
		t.Errorf("malformed body: got %v, want ErrBadForm", err)
	}
}
