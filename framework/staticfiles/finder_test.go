package staticfiles

import (
	"testing"
	"testing/fstest"
)

func TestFinder(t *testing.T) {
	project := fstest.MapFS{"css/site.css": {Data: []byte("p")}, ".git/config": {}, "CVS/x": {}, "a~": {}}
	app := fstest.MapFS{"css/site.css": {Data: []byte("app")}, "polls/style.css": {}}
	f := NewFinder(Source{"static", project}, Source{"app polls", app}, Source{"missing", fstest.MapFS{}})
	files, err := f.List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, file := range files {
		got = append(got, file.Source.Name+":"+file.Name)
	}
	want := []string{"static:css/site.css", "app polls:polls/style.css"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("List: got %q, want %q", got, want)
	}
	tests := []struct {
		name, want string
		found      bool
	}{
		{"css/site.css", "static", true},
		{"polls/style.css", "app polls", true},
		{"css", "", false},
		{"../x", "", false},
		{".git/config", "", false},
		{"a~", "", false},
		{"nope.css", "", false},
	}
	for _, tt := range tests {
		s, ok := f.Find(tt.name)
		if ok != tt.found || s.Name != tt.want {
			t.Errorf("Find(%q): got %q, %v; want %q, %v", tt.name, s.Name, ok, tt.want, tt.found)
		}
	}
}
