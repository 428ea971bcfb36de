package clickjacking_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/clickjacking"
)

func TestNew(t *testing.T) {
	plain := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	own := framework.View(func(*framework.Request) *framework.Response {
		r := framework.Text("ok")
		r.Header.Set("X-Frame-Options", "SAMEORIGIN")
		return r
	})
	tests := []struct {
		name, value string
		view        http.Handler
		want        string
	}{
		{"default", "", plain, "DENY"},
		{"sameorigin, any case", "sameorigin", plain, "SAMEORIGIN"},
		{"the view's own value", "DENY", own, "SAMEORIGIN"},
		{"exempt", "DENY", clickjacking.Exempt(plain), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			clickjacking.New(tt.value)(tt.view).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
			if got := w.Header().Get("X-Frame-Options"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func ExampleNew() {
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "page") })
	w := httptest.NewRecorder()
	clickjacking.New("DENY")(page).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	fmt.Println(w.Header().Get("X-Frame-Options"))
	// Output: DENY
}
