package staticfiles

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// djangoScript runs Django 3.2's collectstatic with
// ManifestStaticFilesStorage from the directories argv[2:] into argv[1],
// or, with argv[1] == "url", prints the URLs Django's storage gives the
// names argv[3:] from the manifest in STATIC_ROOT argv[2].
const djangoScript = `
import sys
import django
from django.conf import settings
url = sys.argv[1] == "url"
settings.configure(
    DEBUG=False,
    INSTALLED_APPS=["django.contrib.staticfiles"],
    STATIC_URL="/static/",
    STATIC_ROOT=sys.argv[2] if url else sys.argv[1],
    STATICFILES_DIRS=[] if url else sys.argv[2:],
    STATICFILES_STORAGE="django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
)
django.setup()
if url:
    from django.contrib.staticfiles.storage import staticfiles_storage
    for name in sys.argv[3:]:
        print(staticfiles_storage.url(name))
else:
    from django.core.management import call_command
    call_command("collectstatic", interactive=False, verbosity=0)
`

// django runs djangoScript with args, skipping the test when Django is
// missing unless MANOUCHE_REQUIRE_SERVICES=1 or CI=true.
func django(t *testing.T, args ...string) string {
	t.Helper()
	if err := exec.Command("/usr/bin/python3", "-c", "import django").Run(); err != nil {
		if os.Getenv("MANOUCHE_REQUIRE_SERVICES") == "1" || os.Getenv("CI") == "true" {
			t.Fatalf("install python3-django (Debian) to compare with Django's collectstatic: %v", err)
		}
		t.Skip("install python3-django (Debian) to compare with Django's collectstatic")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/usr/bin/python3", append([]string{"-"}, args...)...)
	cmd.Stdin = strings.NewReader(djangoScript)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("django %v: %v\n%s", args, err, out)
	}
	return string(out)
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
	django(t, djangoRoot, abs("testdata/static"), abs("testdata/app"))
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
	urls := strings.Fields(strings.ReplaceAll(django(t, append([]string{"url", ours}, names...)...), " ", "%20"))
	storage := NewStorage("/static/", false, got, nil)
	for i, name := range names {
		u, err := storage.URL(name)
		if err != nil || i >= len(urls) || u != strings.ReplaceAll(urls[i], "%20", "%20") {
			t.Errorf("URL(%q): got %q, %v; Django's storage reading our manifest says %q", name, u, err, urls)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(map[string]string(v.(Manifest)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
