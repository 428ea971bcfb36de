package staticfiles

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/djangotest"
)

// django runs a Django 3.2 management command on the site of
// testdata/djangosite, which collects the directories dirs into root with
// ManifestStaticFilesStorage.
func django(t *testing.T, root string, dirs []string, args ...string) string {
	t.Helper()
	_, err := djangotest.Version()
	djangotest.Require(t, err)
	site, err := filepath.Abs(filepath.Join("testdata", "djangosite"))
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"STATIC_ROOT=" + root, "STATICFILES_DIRS=" + strings.Join(dirs, string(os.PathListSeparator))}
	out, err := djangotest.Site{Dir: site, Env: env}.Manage(t.Context(), args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// testFinder finds the files of testdata/static, then testdata/app.
func testFinder() *Finder {
	return NewFinder(Source{"testdata/static", os.DirFS("testdata/static")}, Source{"app polls", os.DirFS("testdata/app")})
}

// TestCollect_likeDjango: collectstatic on the same files gives Django's
// hashed names, manifest and rewritten CSS, byte for byte, and Django
// reads the manifest manouche writes.
func TestCollect_likeDjango(t *testing.T) {
	djangoRoot, ours := t.TempDir(), t.TempDir()
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	django(t, djangoRoot, []string{abs("testdata/static"), abs("testdata/app")}, "collectstatic", "--noinput", "-v", "0")
	if _, err := Collect(testFinder(), ours, CollectOptions{StaticURL: "/static/"}); err != nil {
		t.Fatal(err)
	}
	want, err := LoadManifest(os.DirFS(djangoRoot))
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadManifest(os.DirFS(ours))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := jsonOf(t, got), jsonOf(t, want); a != b {
		t.Errorf("manifest:\ngot  %s\nwant %s", a, b)
	}
	err = fs.WalkDir(os.DirFS(djangoRoot), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == ManifestName {
			return err
		}
		w, _ := os.ReadFile(filepath.Join(djangoRoot, p))
		g, err := os.ReadFile(filepath.Join(ours, p))
		if err != nil || string(g) != string(w) {
			t.Errorf("%s: got %q (%v), want Django's %q", p, g, err, w)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"css/site.css", "img/a b.png", "css/fonts/x.eot?#iefix"}
	script := "from django.contrib.staticfiles.storage import staticfiles_storage as s\nfor n in " + pyList(names) + ": print(s.url(n))"
	urls := strings.Fields(strings.ReplaceAll(django(t, ours, nil, "shell", "-c", script), " ", "%20"))
	storage := NewStorage("/static/", false, got, nil)
	for i, name := range names {
		u, err := storage.URL(name)
		if err != nil || i >= len(urls) || u != strings.ReplaceAll(urls[i], "%20", "%20") {
			t.Errorf("URL(%q): got %q, %v; Django's storage reading our manifest says %q", name, u, err, urls)
		}
	}
}

// pyList writes names as a Python list of strings.
func pyList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(map[string]string(v.(Manifest)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
