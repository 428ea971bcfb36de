package sessions

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

// Middleware is Django's SessionMiddleware: it gives every request a lazy
// [session.Session] (reachable as framework.Request.Session) and, when the
// response starts, saves it and sets, refreshes or deletes the cookie
// following Django's process_response exactly.
//
// The session is created when the handler asks for it (a
// [session.LazyContext]) and read when the handler reads it: a request that
// never touches it costs one allocation and no store access.
func Middleware(o MiddlewareOptions) func(http.Handler) http.Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return func(next http.Handler) http.Handler { return &handler{o: &o, next: next} }
}

type handler struct {
	o    *MiddlewareOptions
	next http.Handler
}

func (m *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key, hadCookie := framework.CookieValue(r, m.o.Cookie.Name)
	rw := &responseWriter{ResponseWriter: w, o: m.o, hadCookie: hadCookie}
	rw.ctx.Reset(r.Context(), m.o.Config, key)
	rw.r = *r.WithContext(&rw.ctx) // inlined: the copy made there stays on the stack
	m.next.ServeHTTP(rw, &rw.r)
	rw.finish(http.StatusOK)
}

// responseWriter is all the middleware keeps for one request, in one
// allocation never pooled (the request and its context may outlive the
// handler); it runs the response phase when the view starts its response.
type responseWriter struct {
	http.ResponseWriter
	o         *MiddlewareOptions
	ctx       session.LazyContext
	r         http.Request // the request passed on, carrying ctx
	save      saveContext  // the context of the session's save
	hadCookie bool
	done      bool
	discard   bool // the view's response was replaced by an error page
}

func (w *responseWriter) WriteHeader(status int) {
	if !w.finish(status) {
		w.ResponseWriter.WriteHeader(status)
	}
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if w.finish(http.StatusOK); w.discard {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Flush sends the response so far, after the response phase, for handlers
// that stream (they type-assert http.Flusher).
func (w *responseWriter) Flush() {
	w.finish(http.StatusOK)
	if f, ok := w.ResponseWriter.(http.Flusher); ok && !w.discard {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish is Django's process_response. It runs once; it reports whether it
// wrote an error response in place of the view's.
func (w *responseWriter) finish(status int) bool {
	if w.done {
		return false
	}
	w.done = true
	s, h := w.ctx.Touched(), w.Header()
	if s == nil && w.o.SaveEveryRequest {
		s = w.ctx.Session()
	}
	if s != nil {
		if err := s.Touch(w.r.Context()); err != nil {
			return w.fail("load", err)
		}
	}
	if w.hadCookie && w.ctx.IsEmpty() {
		framework.PatchVary(h, "Cookie")
		h.Add("Set-Cookie", framework.FormatDeleteCookie(w.o.Cookie))
		return false
	}
	if s == nil { // untouched: neither accessed nor modified
		return false
	}
	if s.Accessed() {
		framework.PatchVary(h, "Cookie")
	}
	if !(s.Modified() || w.o.SaveEveryRequest) || s.IsEmpty() || status >= 500 {
		return false
	}
	w.save.start(w.r.Context(), SaveTimeout)
	defer w.save.cancel()
	lt, err := s.Commit(&w.save)
	if err != nil {
		return w.fail("save", err)
	}
	c := w.o.Cookie
	if !lt.AtBrowserClose {
		c.MaxAge, c.Expires = &lt.MaxAge, lt.Expires
	}
	c.Value = s.Key()
	h.Add("Set-Cookie", framework.FormatSetCookie(c))
	return false
}

// fail replaces the view's response with a plain error page and logs one
// line naming the engine (at DEBUG for a client that went away). The
// stored session is left as it was.
func (w *responseWriter) fail(op string, err error) bool {
	status, level, msg := http.StatusInternalServerError, slog.LevelError, "sessions: "+op+" failed"
	switch {
	case errors.Is(err, context.Canceled) && w.r.Context().Err() != nil:
		level, msg = slog.LevelDebug, "sessions: client went away during "+op // not a server error
	case errors.Is(err, session.ErrInterrupted): // Django's SessionInterrupted
		status, level = http.StatusBadRequest, slog.LevelWarn
	case errors.Is(err, session.ErrUnavailable), errors.Is(err, context.DeadlineExceeded): // past SaveTimeout
		status = http.StatusServiceUnavailable
	}
	w.o.Logger.Log(w.r.Context(), level, msg, "engine", w.o.Engine, "status", status, "err", err)
	w.discard = true
	h := w.Header()
	for _, k := range []string{"Set-Cookie", "Vary", "Content-Length"} {
		h.Del(k)
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.ResponseWriter.WriteHeader(status)
	w.ResponseWriter.Write([]byte(framework.ErrorPageHTML(status)))
	return true
}
