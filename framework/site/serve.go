package site

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"syscall"
	"time"
)

// ShutdownTimeout is the default of SERVER_SHUTDOWN_TIMEOUT, how long
// [Site.Serve] lets in-flight requests finish after its context is
// cancelled.
const ShutdownTimeout = 30 * time.Second

// Serve listens on addr and serves the site until ctx is cancelled, then
// shuts down gracefully: it stops accepting connections and lets in-flight
// requests finish (Django's runserver, without the autoreloader). Each
// request is logged through slog.
func (s *Site) Serve(ctx context.Context, addr string) error {
	h, err := s.Handler()
	if err != nil {
		return err
	}
	ln, err := Listen(addr)
	if err != nil {
		return err
	}
	return s.ServeListener(ctx, ln, h)
}

// Listen listens on the TCP address addr. Its errors are one line, with
// Django's runserver wording for the common ones: "127.0.0.1:8000: That
// port is already in use."
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("%s: That port is already in use", addr)
	case errors.Is(err, syscall.EACCES):
		return nil, fmt.Errorf("%s: You don't have permission to access that port", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return nil, fmt.Errorf("%s: That IP address can't be assigned to", addr)
	}
	return nil, fmt.Errorf("site: listen on %s: %w", addr, err)
}

// NewServer returns the HTTP server that serves h for the site: the
// SERVER_READ_HEADER_TIMEOUT, SERVER_READ_TIMEOUT, SERVER_WRITE_TIMEOUT and
// SERVER_IDLE_TIMEOUT settings, a log line per request and the server's
// own errors on the site's logger.
func (s *Site) NewServer(h http.Handler) *http.Server {
	st := s.Settings
	return &http.Server{
		Handler:           accessLog(s.Env.Logger, h),
		ReadHeaderTimeout: st.ServerReadHeaderTimeout,
		ReadTimeout:       st.ServerReadTimeout,
		WriteTimeout:      st.ServerWriteTimeout,
		IdleTimeout:       st.ServerIdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.Env.Logger.Handler(), slog.LevelWarn),
	}
}

// ServeListener is [Site.Serve] on an existing listener. When ctx is
// cancelled it stops accepting connections, closes idle ones and waits up
// to SERVER_SHUTDOWN_TIMEOUT for requests in flight (0: as long as they
// take); those still running then are cut off and ServeListener returns
// an error.
func (s *Site) ServeListener(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := s.NewServer(h)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("site: serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx := context.Background()
	if d := s.Settings.ServerShutdownTimeout; d > 0 {
		var cancel context.CancelFunc
		shutdownCtx, cancel = context.WithTimeout(shutdownCtx, d)
		defer cancel()
	}
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return fmt.Errorf("site: shutdown: requests still running after SERVER_SHUTDOWN_TIMEOUT (%v): %w", s.Settings.ServerShutdownTimeout, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("site: serve: %w", err)
	}
	return nil
}

// accessLog logs one line per request: method, path, status, size and
// duration, as runserver does.
func accessLog(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status, bytes int
	wrote         bool
}

func (r *statusRecorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
