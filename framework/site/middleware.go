package site

import (
	"net/http"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/manouche-go/manouche/framework/apps"
)

// Well-known chi middleware, so MIDDLEWARE can list them by name next to the
// apps' own (any func(http.Handler) http.Handler can be registered the same
// way with apps.RegisterMiddleware).
func init() {
	plain := map[string]func(http.Handler) http.Handler{
		"chi.middleware.RequestID": middleware.RequestID,
		"chi.middleware.RealIP":    middleware.RealIP,
		"chi.middleware.Recoverer": middleware.Recoverer,
		"chi.middleware.CleanPath": middleware.CleanPath,
		"chi.middleware.NoCache":   middleware.NoCache,
		"chi.middleware.Heartbeat": middleware.Heartbeat("/ping"),
	}
	for name, mw := range plain {
		apps.RegisterMiddleware(apps.Middleware{Name: name, New: constant(mw)})
	}
}

func constant(mw func(http.Handler) http.Handler) func(*apps.Env) (func(http.Handler) http.Handler, error) {
	return func(*apps.Env) (func(http.Handler) http.Handler, error) { return mw, nil }
}
