package framework

import (
	"context"
	"log/slog"
	"net/url"

	"github.com/manouche-go/manouche/framework/templates"
)

// DefaultMaxBodyBytes is the largest form body parsed into [Request.POST]
// when [Env.MaxBodyBytes] is zero: 2.5 MiB, Django's default
// DATA_UPLOAD_MAX_MEMORY_SIZE.
const DefaultMaxBodyBytes = 2621440

// Env is what a site gives its views through the request context: the
// settings-derived values Django reads from django.conf.settings at request
// time. The site builds one Env and installs it with [WithEnv]. Every field
// may be left zero.
type Env struct {
	// Debug is DEBUG: error responses show the DEBUG page with details,
	// and the template engine reloads templates. The default is false.
	Debug bool

	// Templates renders [Render]'s templates. Nil makes Render answer 500.
	Templates *templates.Engine

	// Reverse resolves a URL name to a path (Django's reverse), usually
	// urls.Router.Reverse. Nil makes [Reverse] fail.
	Reverse func(name string, args ...any) (string, error)

	// URLPatterns lists the site's URL patterns, shown by the DEBUG 404
	// page as Django's technical 404 page does. It is optional.
	URLPatterns []string

	// Logger receives server errors and recovered panics. Nil means
	// slog.Default().
	Logger *slog.Logger

	// MaxBodyBytes is DATA_UPLOAD_MAX_MEMORY_SIZE, the largest form data
	// parsed into POST: a whole urlencoded body, or a multipart body's
	// field names and values (files not counted). Zero means
	// [DefaultMaxBodyBytes]; a negative value means no limit.
	MaxBodyBytes int64

	// MaxNumberFields is DATA_UPLOAD_MAX_NUMBER_FIELDS, the most GET or
	// POST parameters a request may have. Zero means
	// [DefaultMaxNumberFields]; a negative value means no limit.
	MaxNumberFields int

	// MaxNumberFiles is DATA_UPLOAD_MAX_NUMBER_FILES, the most files a
	// multipart body may upload. Zero means [DefaultMaxNumberFiles]; a
	// negative value means no limit.
	MaxNumberFiles int

	// FileMaxMemory is FILE_UPLOAD_MAX_MEMORY_SIZE: an uploaded file larger
	// than this is written to a temporary file in UploadTempDir. Zero means
	// [DefaultMaxBodyBytes]; a negative value keeps every file on disk.
	FileMaxMemory int64

	// UploadTempDir is FILE_UPLOAD_TEMP_DIR; "" means os.TempDir().
	UploadTempDir string

	// Settings lists the site's settings for the DEBUG 500 page, which
	// hides the values of sensitive ones (see [CleanseSetting]). It is
	// optional.
	Settings []Setting

	// SettingsFile names the settings file, shown by the DEBUG 500 page.
	SettingsFile string

	// ContextProcessors add values to every template context [Render]
	// builds (Django's context processors), in order. It may be empty.
	ContextProcessors []ContextProcessor

	// SecureProxySSLHeader and SecureProxySSLValue are
	// SECURE_PROXY_SSL_HEADER: a request whose header SecureProxySSLHeader
	// ("X-Forwarded-Proto") is present is HTTPS when its first value is
	// SecureProxySSLValue ("https"), and HTTP otherwise ([IsSecure]). An
	// empty header name, the default, means only TLS connections are HTTPS.
	SecureProxySSLHeader, SecureProxySSLValue string
}

// Setting is one setting by its Django name, with its value.
type Setting struct {
	Name  string
	Value any
}

// Django's defaults of DATA_UPLOAD_MAX_NUMBER_FIELDS and
// DATA_UPLOAD_MAX_NUMBER_FILES.
const (
	DefaultMaxNumberFields = 1000
	DefaultMaxNumberFiles  = 100
)

// contextKey is a value for use with context.WithValue. It is used as a
// pointer so it fits in an interface{} without allocation (as chi does).
type contextKey struct{ name string }

func (k *contextKey) String() string { return "framework context value " + k.name }

var (
	envKey     = &contextKey{"Env"}
	requestKey = &contextKey{"Request"}
	formKey    = &contextKey{"form"}
)

// WithEnv returns a copy of ctx carrying e, for [EnvFrom]. The site calls it
// once per request with its single Env. The copy also keeps the request's
// form once parsed, so that a middleware reading it ([PostForm]) and the
// view share one parse, files included.
func WithEnv(ctx context.Context, e *Env) context.Context {
	return &envContext{Context: ctx, env: e}
}

// envContext is the context WithEnv returns: one allocation for the Env
// and the request's parsed form.
type envContext struct {
	context.Context
	env  *Env
	form parsedForm
}

// parsedForm is a request body parsed into POST and FILES.
type parsedForm struct {
	done  bool
	post  url.Values
	files Files
	err   error
}

// Value returns the Env and the form holder for their keys, and the
// parent's values for any other key.
func (c *envContext) Value(key any) any {
	switch key {
	case envKey:
		return c.env
	case formKey:
		return &c.form
	}
	return c.Context.Value(key)
}

// String names the context, as the context package's own types do.
func (c *envContext) String() string { return "framework.WithEnv" }

// EnvFrom returns the Env stored in ctx by [WithEnv]. It never returns nil:
// without one it returns a new zero Env (no DEBUG, no templates, default
// logger and body limit).
func EnvFrom(ctx context.Context) *Env {
	if e, ok := ctx.Value(envKey).(*Env); ok && e != nil {
		return e
	}
	return &Env{}
}

func (e *Env) logger() *slog.Logger {
	if e.Logger == nil {
		return slog.Default()
	}
	return e.Logger
}

func (e *Env) uploadLimits() uploadLimits {
	lim := uploadLimits{data: e.MaxBodyBytes, fields: e.MaxNumberFields, files: e.MaxNumberFiles,
		fileMemory: e.FileMaxMemory, tempDir: e.UploadTempDir}
	if lim.data == 0 {
		lim.data = DefaultMaxBodyBytes
	}
	if lim.fields == 0 {
		lim.fields = DefaultMaxNumberFields
	}
	if lim.files == 0 {
		lim.files = DefaultMaxNumberFiles
	}
	if lim.fileMemory == 0 {
		lim.fileMemory = DefaultMaxBodyBytes
	}
	lim.fileMemory = max(lim.fileMemory, -1)
	return lim
}
