package staticfiles

import (
	"errors"
	"testing"
)

func TestStorage_URL(t *testing.T) {
	manifest := Manifest{"css/site.css": "css/site.0123456789ab.css", "img/a b.png": "img/a b.ba9876543210.png"}
	prod := NewStorage("/static/", false, manifest, nil)
	debug := NewStorage("/static/", true, manifest, nil)
	cdn := NewStorage("https://cdn.example.com/s/", false, manifest, nil)
	tests := []struct {
		name    string
		s       *Storage
		in      string
		want    string
		wantErr error
	}{
		{"hashed", prod, "css/site.css", "/static/css/site.0123456789ab.css", nil},
		{"quoted", prod, "img/a b.png", "/static/img/a%20b.ba9876543210.png", nil},
		{"query and fragment kept", prod, "css/site.css?v=1#top", "/static/css/site.0123456789ab.css?v=1#top", nil},
		{"leading slash", prod, "/css/site.css", "/static/css/site.0123456789ab.css", nil},
		{"directory", prod, "css/", "/static/css/", nil},
		{"missing entry", prod, "css/missing.css", "", ErrMissingEntry},
		{"debug names the file", debug, "css/missing.css", "/static/css/missing.css", nil},
		{"debug quotes", debug, "img/a b.png", "/static/img/a%20b.png", nil},
		{"CDN", cdn, "css/site.css", "https://cdn.example.com/s/css/site.0123456789ab.css", nil},
	}
	for _, tt := range tests {
		got, err := tt.s.URL(tt.in)
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: URL(%q) = %q, %v; want %q, %v", tt.name, tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestStorage_URLerrors(t *testing.T) {
	_, err := NewStorage("/static/", false, nil, ErrNoManifest).URL("css/site.css")
	if !errors.Is(err, ErrMissingEntry) || !errors.Is(err, ErrNoManifest) ||
		err.Error() != "staticfiles: missing staticfiles manifest entry for 'css/site.css' (staticfiles: no staticfiles.json (run collectstatic))" {
		t.Errorf("no manifest: got %v", err)
	}
	if _, err := NewStorage("", true, nil, nil).URL("a.css"); err == nil {
		t.Error("empty STATIC_URL: got no error")
	}
}

func TestManifest_JSON(t *testing.T) {
	b, _ := Manifest{"b é.css": "b é.1.css", "a\"x.js": "a.2.js", "😀.png": "😀.3.png"}.MarshalJSON()
	want := `{"paths": {"a\"x.js": "a.2.js", "b \u00e9.css": "b \u00e9.1.css", "\ud83d\ude00.png": "\ud83d\ude00.3.png"}, "version": "1.0"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s (Python's json.dumps)", b, want)
	}
}
