package sessions

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/session"
)

// MiddlewareOptions configure [Middleware]. The zero value of each cookie
// field means Django's default, filled in by [NewMiddlewareOptions].
type MiddlewareOptions struct {
	// Config is the session configuration every request's session uses.
	Config *session.Config
	// Cookie holds the session cookie's attributes (SESSION_COOKIE_NAME,
	// _DOMAIN, _PATH, _SECURE, _HTTPONLY, _SAMESITE). Its Value, MaxAge
	// and Expires are set per response.
	Cookie framework.Cookie
	// SaveEveryRequest is SESSION_SAVE_EVERY_REQUEST.
	SaveEveryRequest bool
	// Engine names the backend in log lines.
	Engine string
	// Logger receives one line per store failure; nil means slog.Default().
	Logger *slog.Logger
}

// Middleware is Django's SessionMiddleware: it gives every request a lazy
// [session.Session] (reachable as framework.Request.Session) and, when the
// response starts, saves it and sets, refreshes or deletes the cookie
// following Django's process_response exactly.
//
// The session is created only when the handler asks for it (a
// [session.LazyContext]), and read from the store only when the handler
// reads it: a request whose handler never touches the session costs one
// allocation (the request passed on, with its context, the session slot
// and the response writer) and no store access.
func Middleware(o MiddlewareOptions) func(http.Handler) http.Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return func(next http.Handler) http.Handler { return &handler{o: &o, next: next} }
}

// handler is the middleware around one next handler.
type handler struct {
	o    *MiddlewareOptions
	next http.Handler
}

func (m *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := new(state)
	key, hadCookie := framework.CookieValue(r, m.o.Cookie.Name)
	st.ctx.Reset(r.Context(), m.o.Config, key)
	st.w = responseWriter{ResponseWriter: w, o: m.o, ctx: &st.ctx, r: r, hadCookie: hadCookie}
	st.r = *r.WithContext(&st.ctx) // inlined: the copy made there stays on the stack
	m.next.ServeHTTP(&st.w, &st.r)
	st.w.finish(http.StatusOK)
}

// state is everything the middleware keeps for one request, allocated as
// one object. Nothing in it is pooled: the request and its context may
// outlive the handler (context.WithoutCancel, goroutines), so they must
// never be handed to another request.
type state struct {
	w   responseWriter
	ctx session.LazyContext
	r   http.Request
}

// responseWriter runs the response phase when the view starts its response,
// while the status and headers can still change.
type responseWriter struct {
	http.ResponseWriter
	o         *MiddlewareOptions
	ctx       *session.LazyContext
	r         *http.Request
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
	w.finish(http.StatusOK)
	if w.discard {
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
	s, h := w.ctx.Created(), w.Header()
	if s == nil && !w.o.SaveEveryRequest { // untouched: neither accessed nor modified
		if w.hadCookie && w.ctx.IsEmpty() {
			deleteCookie(h, w.o.Cookie)
		}
		return false
	}
	if s == nil {
		s = w.ctx.Session()
	}
	if err := s.Err(); err != nil {
		return w.fail(failStatus(err), "load", err)
	}
	accessed, modified, empty := s.Accessed(), s.Modified(), s.IsEmpty()
	if w.hadCookie && empty {
		deleteCookie(h, w.o.Cookie)
		return false
	}
	if accessed {
		framework.PatchVary(h, "Cookie")
	}
	if !(modified || w.o.SaveEveryRequest) || empty || status >= 500 {
		return false
	}
	return w.save(s, h)
}

// save stores s and sets its cookie; it reports whether it wrote an error
// response instead.
func (w *responseWriter) save(s *session.Session, h http.Header) bool {
	c := w.o.Cookie
	if !s.ExpireAtBrowserClose() {
		age := s.ExpiryAge()
		c.MaxAge = &age
		c.Expires = now(w.o.Config).Add(time.Duration(age) * time.Second)
	}
	ctx, cancel := afterView(w.r)
	defer cancel()
	if err := s.Save(ctx); err != nil {
		return w.fail(failStatus(err), "save", err)
	}
	c.Value = s.Key()
	h.Add("Set-Cookie", framework.FormatSetCookie(c))
	return false
}

// SaveTimeout bounds the work the middleware does after the view: the
// session save, which for cached_db includes the cache refill, and for a
// store that merges includes waiting for the other saves of the session.
// A save that runs out of it answers 503.
const SaveTimeout = 30 * time.Second

// afterView returns the context of the work done after the view: the
// request's values without its cancellation, so that a client that goes
// away cannot stop a save halfway (a row written but its cache not
// refilled), bounded by [SaveTimeout] instead.
func afterView(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(r.Context()), SaveTimeout)
}

func deleteCookie(h http.Header, c framework.Cookie) {
	framework.PatchVary(h, "Cookie")
	h.Add("Set-Cookie", framework.FormatDeleteCookie(c))
}

// fail replaces the view's response with a plain error page and logs one
// line naming the engine. The stored session is left as it was.
func (w *responseWriter) fail(status int, op string, err error) bool {
	level, msg := slog.LevelError, "sessions: "+op+" failed"
	switch {
	case errors.Is(err, context.Canceled) && w.r.Context().Err() != nil:
		level, msg = slog.LevelDebug, "sessions: client went away during "+op // not a server error
	case status < 500:
		level = slog.LevelWarn
	}
	w.o.Logger.Log(w.r.Context(), level, msg, "engine", w.o.Engine, "status", status, "err", err)
	w.discard = true
	h := w.Header()
	h.Del("Set-Cookie")
	h.Del("Vary")
	h.Del("Content-Length")
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.ResponseWriter.WriteHeader(status)
	w.ResponseWriter.Write([]byte(framework.ErrorPageHTML(status)))
	return true
}

// failStatus is the status of a request whose session failed: 400 for a
// session deleted meanwhile (Django's SessionInterrupted), 503 while the
// store is unreachable or too slow (past [SaveTimeout]), else 500.
func failStatus(err error) int {
	switch {
	case errors.Is(err, session.ErrInterrupted):
		return http.StatusBadRequest
	case errors.Is(err, session.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func now(cfg *session.Config) time.Time {
	if cfg.Now != nil {
		return cfg.Now()
	}
	return time.Now()
}
