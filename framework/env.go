package framework

import (
	"context"
	"log/slog"

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

	// MaxBodyBytes is DATA_UPLOAD_MAX_MEMORY_SIZE, the largest request body
	// parsed as a form. Zero means [DefaultMaxBodyBytes]; a negative value
	// means no limit.
	MaxBodyBytes int64

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

// contextKey is a value for use with context.WithValue. It is used as a
// pointer so it fits in an interface{} without allocation (as chi does).
type contextKey struct{ name string }

func (k *contextKey) String() string { return "framework context value " + k.name }

var (
	envKey     = &contextKey{"Env"}
	requestKey = &contextKey{"Request"}
)

// WithEnv returns a copy of ctx carrying e, for [EnvFrom]. The site calls it
// once per request with its single Env.
func WithEnv(ctx context.Context, e *Env) context.Context {
	return context.WithValue(ctx, envKey, e)
}

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

func (e *Env) maxBodyBytes() int64 {
	if e.MaxBodyBytes == 0 {
		return DefaultMaxBodyBytes
	}
	return e.MaxBodyBytes
}
