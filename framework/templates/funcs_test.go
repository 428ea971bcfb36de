package templates_test

import (
	"io/fs"
	"testing"

	"github.com/manouche-go/manouche/framework/templates"
)

func TestDefaultFuncs(t *testing.T) {
	tests := []struct {
		name, text string
		data       any
		want       string
	}{
		{"default empty string", `<< .S | default "none" >>`, map[string]any{"S": ""}, "none"},
		{"default set", `<< .S | default "none" >>`, map[string]any{"S": "x"}, "x"},
		{"default zero int", `<< .N | default 7 >>`, map[string]any{"N": 0}, "7"},
		{"default missing key", `<< .Nope | default "d" >>`, map[string]any{}, "d"},
		{"default empty slice", `<< .L | default "empty" >>`, map[string]any{"L": []int{}}, "empty"},
		{"join strings", `<< .L | join ", " >>`, map[string]any{"L": []string{"a", "<b>"}}, "a, &lt;b&gt;"},
		{"join any", `<< .L | join "-" >>`, map[string]any{"L": []any{1, "x", 2.5}}, "1-x-2.5"},
		{"join array", `<< .L | join "" >>`, map[string]any{"L": [2]int{4, 2}}, "42"},
		{"join nil", `<< .Nope | join "," >>`, map[string]any{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, templates.Options{FS: []fs.FS{mapFS(map[string]string{"t.html": tt.text})}})
			got, err := render(t, e, "t.html", tt.data)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDefaultFuncs_joinNotAList(t *testing.T) {
	e := newEngine(t, templates.Options{FS: []fs.FS{mapFS(map[string]string{"t.html": `<< 3 | join "," >>`})}})
	if _, err := render(t, e, "t.html", nil); err == nil {
		t.Error("got nil error joining an int, want an error")
	}
}
