package staticfiles

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
)

func TestHashedName(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"css/site.css", "", "css/site.d41d8cd98f00.css"},
		{"a.tar.gz", "x", "a.tar.9dd4e461268c.gz"},
		{"README", "x", "README.9dd4e461268c"},
	}
	for _, tt := range tests {
		if got := HashedName(tt.name, []byte(tt.content)); got != tt.want {
			t.Errorf("HashedName(%q): got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestCollect_stable: hashed names and contents are the same on every
// run, and a second run rewrites nothing.
func TestCollect_stable(t *testing.T) {
	roots := []string{t.TempDir(), t.TempDir()}
	for _, root := range roots {
		res, err := Collect(testFinder(), root, CollectOptions{StaticURL: "/static/"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Copied != 10 || res.PostProcessed != 10 || res.Compressed == 0 {
			t.Errorf("first run: got %+v, want 10 copied and post-processed, some compressed", res)
		}
	}
	if a, b := readTree(t, roots[0]), readTree(t, roots[1]); a != b {
		t.Errorf("two runs on the same files differ:\n%s\n%s", a, b)
	}
	res, err := Collect(testFinder(), roots[0], CollectOptions{StaticURL: "/static/"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "0 static files copied to '" + roots[0] + "', 10 unmodified."; res.String() != want || res.Compressed != 0 {
		t.Errorf("second run: got %q (%d compressed), want %q", res, res.Compressed, want)
	}
}

// readTree lists every file of root with its content's hash, one per
// line.
func readTree(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(&b, "%s %x\n", rel, sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCollect_layout: originals, hashed copies, the manifest, and
// compressed variants only where they pay.
func TestCollect_layout(t *testing.T) {
	root := t.TempDir()
	if _, err := Collect(testFinder(), root, CollectOptions{StaticURL: "/static/"}); err != nil {
		t.Fatal(err)
	}
	m, err := LoadManifest(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	js := m["js/app.js"]
	for _, p := range []string{"js/app.js", js, js + ".gz", js + ".br", "img/bg.png", m["img/bg.png"], "polls/style.css"} {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{"img/bg.png.gz", "img/bg.png.br", ".hidden", "js/app.js~", "polls/style.css.br"} {
		if _, err := os.Stat(filepath.Join(root, p)); err == nil {
			t.Errorf("%s was written, want it left out", p)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(root, "js/app.js")); !strings.HasPrefix(string(b), "// app.js") {
		t.Errorf("js/app.js: got %q, want the STATICFILES_DIRS copy (the first source wins)", b)
	}
	want, _ := os.ReadFile(filepath.Join(root, js))
	for _, enc := range []string{".gz", ".br"} {
		if got := decompress(t, filepath.Join(root, js+enc)); !bytes.Equal(got, want) {
			t.Errorf("%s%s does not decompress to %s", js, enc, js)
		}
	}
}

func decompress(t *testing.T, p string) []byte {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = brotli.NewReader(f)
	if strings.HasSuffix(p, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			t.Fatal(err)
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCollect_options(t *testing.T) {
	root := t.TempDir()
	stale := filepath.Join(root, "stale.txt")
	os.WriteFile(stale, []byte("x"), 0o644)
	if res, err := Collect(testFinder(), root, CollectOptions{StaticURL: "/static/", DryRun: true}); err != nil || res.Copied != 10 {
		t.Fatalf("dry run: got %+v, %v", res, err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("dry run wrote %d entries, want none", len(entries)-1)
	}
	if _, err := Collect(testFinder(), root, CollectOptions{StaticURL: "/static/", Clear: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("Clear kept stale.txt")
	}
	if _, err := Collect(testFinder(), "", CollectOptions{}); err == nil || !strings.Contains(err.Error(), "STATIC_ROOT is not set") {
		t.Errorf("no STATIC_ROOT: got %v", err)
	}
}

// TestCollect_staleVariant: a compressed variant that no longer pays is
// removed, so it is never served in place of the new content.
func TestCollect_staleVariant(t *testing.T) {
	root := t.TempDir()
	src := fstest.MapFS{"a.txt": {Data: bytes.Repeat([]byte("aaaa"), 200)}}
	if _, err := Collect(NewFinder(Source{"src", src}), root, CollectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "a.txt.gz")); err != nil {
		t.Fatalf("a.txt.gz: %v", err)
	}
	src["a.txt"] = &fstest.MapFile{Data: []byte("short")}
	if _, err := Collect(NewFinder(Source{"src", src}), root, CollectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "a.txt.gz")); err == nil {
		t.Error("a.txt.gz of the old content is still there")
	}
}

func TestCollect_errors(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"missing target", fstest.MapFS{"a.css": {Data: []byte(`p { background: url(img/x.png) }`)}},
			`staticfiles: a.css refers to "img/x.png": the file img/x.png could not be found`},
		{"space before the URL, as Django", fstest.MapFS{"a.css": {Data: []byte(`p { background: url( 'b.png' ) }`)}, "b.png": {Data: []byte("b")}},
			`staticfiles: a.css refers to "'b.png' "`},
		{"cycle", fstest.MapFS{"a.css": {Data: []byte(`@import "b.css";`)}, "b.css": {Data: []byte(`@import "a.css";`)}},
			"staticfiles: CSS files refer to each other (a.css -> b.css -> a.css)"},
	}
	for _, tt := range tests {
		root := t.TempDir()
		_, err := Collect(NewFinder(Source{"src", tt.files}), root, CollectOptions{StaticURL: "/static/"})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error starting %q", tt.name, err, tt.want)
		}
		if entries, _ := os.ReadDir(root); len(entries) != 0 {
			t.Errorf("%s: %d files written, want none", tt.name, len(entries))
		}
	}
}
