package session

import (
	"context"
	"time"
)

// contextKey is a value for use with context.WithValue. It is used as a
// pointer so it fits in an interface{} without allocation (as chi does).
type contextKey struct{ name string }

func (k *contextKey) String() string { return "session context value " + k.name }

// sessionKey is the context key of the request's *Session.
var sessionKey = &contextKey{"Session"}

// NewContext returns a copy of ctx carrying s. Views reach the session
// through framework.Request.Session; the session middleware itself uses a
// [LazyContext], which creates the session only when asked.
func NewContext(ctx context.Context, s *Session) context.Context {
	return context.WithValue(ctx, sessionKey, s)
}

// FromContext returns the session stored in ctx by [NewContext] or carried
// by a [LazyContext] (which creates it then). ok is false when there is
// none (the session middleware is not installed).
func FromContext(ctx context.Context) (s *Session, ok bool) {
	s, ok = ctx.Value(sessionKey).(*Session)
	return s, ok && s != nil
}

// LazyContext is a context.Context that carries a session created on first
// use: its parent's deadline, cancellation and values, plus the session of
// one key, which [FromContext] (on it or on any context derived from it)
// creates with [New] the first time it is asked for. The session
// middleware embeds a LazyContext in the one object it allocates per
// request, so that a request whose handler never asks for the session
// allocates no Session and reads no store.
//
// Call [LazyContext.Reset] before use; the zero value has no parent. Like
// the session, a LazyContext belongs to one request and is not safe for
// concurrent first use by several goroutines.
type LazyContext struct {
	parent context.Context
	cfg    *Config
	key    string
	s      *Session
}

// Reset makes c a child of parent carrying a session not created yet for
// key and cfg, as [New] would create it (with parent as its context).
func (c *LazyContext) Reset(parent context.Context, cfg *Config, key string) {
	*c = LazyContext{parent: parent, cfg: cfg, key: key}
}

// Session returns the session, creating it on the first call. Creating it
// does no I/O: its data is read from the store on first use, as with [New].
func (c *LazyContext) Session() *Session {
	if c.s == nil {
		c.s = New(c.parent, c.cfg, c.key)
	}
	return c.s
}

// Created returns the session if it was created, else nil. Nil means that
// nothing asked for the session: it was neither read nor changed.
func (c *LazyContext) Created() *Session { return c.s }

// Touched is [LazyContext.Created] for a request that counts as activity:
// when the Config has an idle timeout and the request carried a key, it
// creates the session even if nothing asked for it, so that
// [Session.Touch] can end it or refresh its last-seen time.
func (c *LazyContext) Touched() *Session {
	if c.s == nil && c.cfg != nil && c.cfg.IdleTimeout > 0 && c.key != "" {
		c.Session()
	}
	return c.s
}

// IsEmpty is [Session.IsEmpty] without creating the session: a session
// nobody asked for is empty when its key is no valid key.
func (c *LazyContext) IsEmpty() bool {
	if c.s != nil {
		return c.s.IsEmpty()
	}
	cfg := c.cfg
	if cfg == nil {
		cfg = &Config{}
	}
	return !cfg.backend().validKey(c.key)
}

// Deadline returns the parent's deadline.
func (c *LazyContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Done returns the parent's Done channel.
func (c *LazyContext) Done() <-chan struct{} { return c.parent.Done() }

// Err returns the parent's error.
func (c *LazyContext) Err() error { return c.parent.Err() }

// Value returns the session (created now if need be) for the session key,
// and the parent's value for any other key.
func (c *LazyContext) Value(key any) any {
	if key == any(sessionKey) {
		return c.Session()
	}
	return c.parent.Value(key)
}

// String names the context, as the context package's own types do.
func (c *LazyContext) String() string { return "session.LazyContext" }
