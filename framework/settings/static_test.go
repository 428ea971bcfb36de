package settings

import (
	"errors"
	"slices"
	"testing"
)

func TestStaticFiles(t *testing.T) {
	if d := Default(); d.StaticURL != "/static/" || d.StaticRoot != "" || d.StaticFilesDirs == nil || len(d.StaticFilesDirs) != 0 {
		t.Errorf("defaults: got %+v, want /static/, no root, an empty list", d.StaticFiles)
	}
	s := mustLoad(t, "DEBUG: true\nSTATIC_URL: assets/\nSTATIC_ROOT: /srv/static\nSTATICFILES_DIRS: [static, /opt/shared]\n")
	if s.StaticURL != "/assets/" || s.StaticRoot != "/srv/static" || !slices.Equal(s.StaticFilesDirs, []string{"static", "/opt/shared"}) {
		t.Errorf("from YAML: got %+v", s.StaticFiles)
	}
	s = mustLoad(t, "DEBUG: true\n", "MANOUCHE_STATIC_URL=https://cdn.example.com/s/", "MANOUCHE_STATICFILES_DIRS=a,b", "MANOUCHE_STATIC_ROOT=out")
	if s.StaticURL != "https://cdn.example.com/s/" || s.StaticRoot != "out" || !slices.Equal(s.StaticFilesDirs, []string{"a", "b"}) {
		t.Errorf("from the environment: got %+v", s.StaticFiles)
	}
	if s := mustLoad(t, "DEBUG: true\nSTATIC_URL: null\n"); s.StaticURL != "" {
		t.Errorf("STATIC_URL null: got %q, want static files off", s.StaticURL)
	}
	_, err := load(t, "DEBUG: true\nSTATIC_URL: /static\n")
	var se *Error
	if !errors.As(err, &se) || se.Error() != `settings: STATIC_URL = "/static": must be a URL path or URL ending with "/", such as /static/` {
		t.Errorf("no trailing slash: got %v", err)
	}
}
