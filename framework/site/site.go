// Package site builds a running manouche site from its settings: it resolves
// INSTALLED_APPS and MIDDLEWARE through the app registry, opens the
// database, assembles the URL router and the template engine, and serves
// HTTP with graceful shutdown (what Django's WSGI handler and runserver do).
package site

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/apps"
	_ "github.com/manouche-go/manouche/framework/cache/dummy"  // BACKEND: dummy
	_ "github.com/manouche-go/manouche/framework/cache/locmem" // the default CACHES backend
	_ "github.com/manouche-go/manouche/framework/cache/redis"  // BACKEND: redis
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/settings"
	"github.com/manouche-go/manouche/framework/templates"
	"github.com/manouche-go/manouche/framework/urls"
	"github.com/manouche-go/manouche/migrations"
)

// Options configure [New]. The zero value is usable.
type Options struct {
	// BaseDir is the project's root, where its templates/ directory lives.
	// The default is the working directory.
	BaseDir string
	// Logger receives the site's logs; nil means slog.Default().
	Logger *slog.Logger
	// Stdout and Stderr are where commands print; nil means os.Stdout and
	// os.Stderr.
	Stdout, Stderr io.Writer
	// DB, if set, replaces opening DATABASES.default (tests use it).
	DB func() (*gorm.DB, error)
	// SettingsFile names the file the settings were read from, for
	// messages, the DEBUG error page and runserver's autoreloader. It may
	// be empty.
	SettingsFile string
	// Stdin and Environ are what commands read (see apps.Env); nil means
	// the process's.
	Stdin   io.Reader
	Environ []string
}

// Site is one configured manouche project.
type Site struct {
	// Settings are the validated settings the site was built from.
	Settings *settings.Settings
	// Apps are the installed apps, in INSTALLED_APPS order.
	Apps []apps.App
	// Env is what apps and commands receive.
	Env *apps.Env

	baseDir      string
	settingsFile string
	once         sync.Once
	handler      http.Handler
	err          error
}

// New resolves a site's installed apps. It does no I/O: the database opens
// on first use and the handler is built by [Site.Handler].
func New(s *settings.Settings, o Options) (*Site, error) {
	installed, err := apps.Installed(s.InstalledApps)
	if err != nil {
		return nil, err
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Stdout == nil {
		o.Stdout = os.Stdout
	}
	if o.Stderr == nil {
		o.Stderr = os.Stderr
	}
	open := o.DB
	if open == nil {
		open = func() (*gorm.DB, error) { return db.Open(s.Databases["default"], o.Logger) }
	}
	env := apps.NewEnv(s, open, o.Logger, o.Stdout, o.Stderr)
	env.Stdin, env.Environ = o.Stdin, o.Environ
	return &Site{
		Settings:     s,
		Apps:         installed,
		Env:          env,
		baseDir:      o.BaseDir,
		settingsFile: o.SettingsFile,
	}, nil
}

// Migrations returns every installed app's migrations, in INSTALLED_APPS
// order (the migration engine orders them by dependency).
func (s *Site) Migrations() []*migrations.Migration {
	var all []*migrations.Migration
	for _, a := range s.Apps {
		if p, ok := a.(apps.MigrationsProvider); ok {
			all = append(all, p.Migrations()...)
		}
	}
	return all
}

// Commands returns the management commands of the installed apps.
func (s *Site) Commands() []*manage.Command {
	var cmds []*manage.Command
	for _, a := range s.Apps {
		if p, ok := a.(apps.CommandsProvider); ok {
			cmds = append(cmds, p.Commands(s.Env)...)
		}
	}
	return cmds
}

// Checks runs the system checks: the framework's own, the static files'
// (see [Site.StaticFinder]), each installed app's,
// and the MIDDLEWARE order check.
func (s *Site) Checks() []checks.Message {
	extra := []checks.Check{s.staticChecks}
	for _, a := range s.Apps {
		if p, ok := a.(apps.ChecksProvider); ok {
			extra = append(extra, p.Checks()...)
		}
	}
	msgs := checks.Run(s.Settings, extra...)
	return append(msgs, apps.CheckMiddlewareOrder(s.Settings.Middleware)...)
}

// Handler returns the site's HTTP handler: ALLOWED_HOSTS validation, then
// MIDDLEWARE outermost first, then the static files under STATIC_URL
// (see [Site.StaticFinder]), then the URL router. It is built once.
func (s *Site) Handler() (http.Handler, error) {
	s.once.Do(func() { s.handler, s.err = s.build() })
	return s.handler, s.err
}

func (s *Site) build() (http.Handler, error) {
	router, err := s.router()
	if err != nil {
		return nil, err
	}
	storage, static, err := s.staticFiles()
	if err != nil {
		return nil, err
	}
	funcs := router.FuncMap()
	funcs["static"] = storage.URL
	engine, err := s.templates(funcs)
	if err != nil {
		return nil, err
	}
	mws, err := apps.Middlewares(s.Settings.Middleware)
	if err != nil {
		return nil, err
	}
	h := static(router)
	for i := len(mws) - 1; i >= 0; i-- {
		wrap, err := mws[i].New(s.Env)
		if err != nil {
			return nil, fmt.Errorf("site: middleware %s: %w", mws[i].Name, err)
		}
		h = wrap(h)
	}
	return withEnv(s.frameworkEnv(engine, router), s.Env.DB, allowedHosts(s.Settings, h)), nil
}

// frameworkEnv is what views see of the site: DEBUG, templates, URLs, the
// upload limits and, for the DEBUG error page, the settings.
func (s *Site) frameworkEnv(engine *templates.Engine, router *urls.Router) *framework.Env {
	st := s.Settings
	env := &framework.Env{
		Debug:           st.Debug,
		Templates:       engine,
		Reverse:         router.Reverse,
		URLPatterns:     router.Patterns(),
		Logger:          s.Env.Logger,
		MaxBodyBytes:    st.DataUploadMaxMemorySize,
		MaxNumberFields: st.DataUploadMaxNumberFields,
		MaxNumberFiles:  st.DataUploadMaxNumberFiles,
		FileMaxMemory:   st.FileUploadMaxMemorySize,
		UploadTempDir:   st.FileUploadTempDir,
		SettingsFile:    s.settingsFile,
	}
	if env.FileMaxMemory == 0 {
		env.FileMaxMemory = -1 // FILE_UPLOAD_MAX_MEMORY_SIZE: 0 keeps no file in memory
	}
	if st.Debug {
		for _, v := range st.Values() {
			env.Settings = append(env.Settings, framework.Setting{Name: v.Name, Value: v.Value})
		}
	}
	s.extendEnv(env)
	return env
}

func (s *Site) router() (*urls.Router, error) {
	var patterns []urls.Pattern
	for _, a := range s.Apps {
		if p, ok := a.(apps.URLsProvider); ok {
			patterns = append(patterns, p.URLs()...)
		}
	}
	return urls.NewRouter(patterns, urls.Options{AppendSlash: s.Settings.AppendSlash})
}

// templates searches TEMPLATES.DIRS, then the project's templates/, then
// each installed app's templates, in INSTALLED_APPS order. With DEBUG an
// app's templates are read from its source directory when it has one
// (see sourceTemplates).
func (s *Site) templates(funcs template.FuncMap) (*templates.Engine, error) {
	dirs := append([]string(nil), s.Settings.Templates.Dirs...)
	dirs = append(dirs, filepath.Join(s.baseDir, "templates"))
	var fsys []fs.FS
	var names []string
	for _, a := range s.Apps {
		if p, ok := a.(apps.TemplatesProvider); ok {
			t := p.Templates()
			if s.Settings.Debug {
				if dir := sourceTemplates(a, t); dir != "" {
					t = os.DirFS(dir)
				}
			}
			fsys = append(fsys, t)
			names = append(names, "app "+a.Label())
		}
		if p, ok := a.(apps.TemplateFuncsProvider); ok {
			for k, v := range p.TemplateFuncs() {
				funcs[k] = v
			}
		}
	}
	return templates.New(templates.Options{Dirs: dirs, FS: fsys, FSNames: names, Funcs: funcs, Reload: s.Settings.Debug})
}

// withEnv gives every request the site's Env and its database (for
// db.FromContext).
func withEnv(env *framework.Env, open func() (*gorm.DB, error), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := db.NewContext(framework.WithEnv(r.Context(), env), open)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
