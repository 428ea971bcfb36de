package framework_test

import (
	"net/http"
	"net/url"
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
