package session

import "context"

// contextKey is a value for use with context.WithValue. It is used as a
// pointer so it fits in an interface{} without allocation (as chi does).
type contextKey struct{ name string }

func (k *contextKey) String() string { return "session context value " + k.name }

// sessionKey is the context key of the request's *Session.
var sessionKey = &contextKey{"Session"}

// NewContext returns a copy of ctx carrying s. The session middleware
// uses it; views reach the session through framework.Request.Session.
func NewContext(ctx context.Context, s *Session) context.Context {
	return context.WithValue(ctx, sessionKey, s)
}

// FromContext returns the session stored in ctx by [NewContext]. ok is
// false when there is none (the session middleware is not installed).
func FromContext(ctx context.Context) (s *Session, ok bool) {
	s, ok = ctx.Value(sessionKey).(*Session)
	return s, ok && s != nil
}
