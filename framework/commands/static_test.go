package commands

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCollectStatic(t *testing.T) {
	src, root := t.TempDir(), filepath.Join(t.TempDir(), "collected")
	if err := os.MkdirAll(filepath.Join(src, "css"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "css", "site.css"), []byte("body { color: #222 }"), 0o644)
	cfg := project(t, fmt.Sprintf("STATICFILES_DIRS: [%q]\nSTATIC_ROOT: %q\n", src, root))
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"collectstatic", "-dry-run"}, "\n1 static file copied to '" + root + "'.\n"},
		{[]string{"collectstatic"}, "\n1 static file copied to '" + root + "', 1 post-processed.\n"},
		{[]string{"collectstatic"}, "\n0 static files copied to '" + root + "', 1 unmodified.\n"},
		{[]string{"findstatic", "css/site.css", "css/nope.css"}, "Found 'css/site.css' here:\n  " + filepath.Join(src, "css", "site.css") +
			"\nNo matching file found for 'css/nope.css'.\n"},
	}
	for _, s := range steps {
		if code, out, errOut := run(t, nil, append([]string{"--settings", cfg}, s.args...)...); code != 0 || out != s.want {
			t.Errorf("%v: got exit %d, stdout %q, stderr %q; want 0 and %q", s.args, code, out, errOut, s.want)
		}
	}
	for _, p := range []string{"css/site.css", "css/site.dce187030e33.css", "staticfiles.json"} {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	code, _, errOut := run(t, []string{"MANOUCHE_STATIC_ROOT="}, "--settings", cfg, "collectstatic")
	if code != 1 || !strings.Contains(errOut, "STATIC_ROOT is not set") {
		t.Errorf("no STATIC_ROOT: got exit %d, %q", code, errOut)
	}
}
