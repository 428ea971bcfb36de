package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/staticfiles"
)

// StaticFinder returns the finder of the site's static files: the
// STATICFILES_DIRS directories, then each installed app's static files
// ([apps.StaticProvider]) in INSTALLED_APPS order (Django's
// FileSystemFinder and AppDirectoriesFinder).
func (s *Site) StaticFinder() *staticfiles.Finder {
	var sources []staticfiles.Source
	for _, dir := range s.Settings.StaticFilesDirs {
		sources = append(sources, staticfiles.Source{Name: dir, FS: os.DirFS(dir)})
	}
	for _, a := range s.Apps {
		if p, ok := a.(apps.StaticProvider); ok {
			sources = append(sources, staticfiles.Source{Name: "app " + a.Label(), FS: p.Static()})
		}
	}
	return staticfiles.NewFinder(sources...)
}

// staticFiles returns the storage behind the static template function
// and the middleware that serves STATIC_URL: under DEBUG the files where
// they are; otherwise STATIC_ROOT, as collectstatic wrote it. Nothing is
// served when STATIC_URL is empty or an absolute URL (a CDN), or, with
// DEBUG off, when STATIC_ROOT is not set or does not exist (logged; check
// reports it too).
func (s *Site) staticFiles() (*staticfiles.Storage, func(http.Handler) http.Handler, error) {
	st := s.Settings.StaticFiles
	none := func(next http.Handler) http.Handler { return next }
	served := strings.HasPrefix(st.StaticURL, "/")
	if s.Settings.Debug {
		storage := staticfiles.NewStorage(st.StaticURL, true, nil, nil)
		if !served {
			return storage, none, nil
		}
		return storage, staticfiles.FinderHandler(st.StaticURL, s.StaticFinder()), nil
	}
	if st.StaticRoot == "" {
		return staticfiles.NewStorage(st.StaticURL, false, nil, errNoStaticRoot), none, nil
	}
	root := os.DirFS(st.StaticRoot)
	manifest, err := staticfiles.LoadManifest(root)
	if err != nil && !errors.Is(err, staticfiles.ErrNoManifest) {
		return nil, nil, err
	}
	storage := staticfiles.NewStorage(st.StaticURL, false, manifest, err)
	if fi, statErr := os.Stat(st.StaticRoot); !served || statErr != nil || !fi.IsDir() {
		if served {
			s.Env.Logger.Warn("site: static files are not served: STATIC_ROOT is not a directory (run collectstatic)", "static_root", st.StaticRoot)
		}
		return storage, none, nil
	}
	mw, err := staticfiles.RootHandler(st.StaticURL, root)
	return storage, mw, err
}

// errNoStaticRoot is why the static function has no manifest when
// STATIC_ROOT is not set.
var errNoStaticRoot = errors.New("STATIC_ROOT is not set")

// staticChecks is the check of the site's static files, for
// [Site.Checks]: [checkStaticFiles], knowing whether the site has any.
func (s *Site) staticChecks(st *settings.Settings) []checks.Message {
	files, err := s.StaticFinder().List()
	return checkStaticFiles(st, err != nil || len(files) > 0)
}

// checkStaticFiles is Django's staticfiles checks, plus two for serving
// static files with DEBUG off, made only when the site has static files
// (hasFiles):
//
//   - staticfiles.E002 (Error): STATICFILES_DIRS contains STATIC_ROOT.
//   - staticfiles.W004 (Warning): a STATICFILES_DIRS directory does not
//     exist.
//   - staticfiles.W101 (Warning): DEBUG is off and STATIC_ROOT is not set,
//     so the site serves no static files.
//   - staticfiles.W102 (Warning): DEBUG is off and STATIC_ROOT holds no
//     staticfiles.json: collectstatic has not run.
func checkStaticFiles(s *settings.Settings, hasFiles bool) []checks.Message {
	st := s.StaticFiles
	var msgs []checks.Message
	for _, dir := range st.StaticFilesDirs {
		if st.StaticRoot != "" && samePath(dir, st.StaticRoot) {
			msgs = append(msgs, checks.Message{ID: "staticfiles.E002", Level: checks.Error, Obj: dir,
				Text: "The STATICFILES_DIRS setting should not contain the STATIC_ROOT setting."})
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			msgs = append(msgs, checks.Message{ID: "staticfiles.W004", Level: checks.Warning, Obj: dir,
				Text: fmt.Sprintf("The directory '%s' in the STATICFILES_DIRS setting does not exist.", dir)})
		}
	}
	if s.Debug || !hasFiles || !strings.HasPrefix(st.StaticURL, "/") {
		return msgs
	}
	if st.StaticRoot == "" {
		return append(msgs, checks.Message{ID: "staticfiles.W101", Level: checks.Warning,
			Text: "DEBUG is off and STATIC_ROOT is not set: the site serves no static files and the static template function fails.",
			Hint: "Set STATIC_ROOT to a directory, then run collectstatic."})
	}
	if _, err := fs.Stat(os.DirFS(st.StaticRoot), staticfiles.ManifestName); err != nil {
		msgs = append(msgs, checks.Message{ID: "staticfiles.W102", Level: checks.Warning, Obj: st.StaticRoot,
			Text: fmt.Sprintf("DEBUG is off and STATIC_ROOT (%s) has no %s: static files are missing.", st.StaticRoot, staticfiles.ManifestName),
			Hint: "Run collectstatic."})
	}
	return msgs
}

// samePath reports whether two paths name the same directory.
func samePath(a, b string) bool {
	a, errA := filepath.Abs(a)
	b, errB := filepath.Abs(b)
	return errA == nil && errB == nil && a == b
}
