package session

import (
	"context"
	"testing"
)

func TestContext(t *testing.T) {
	ctx := context.Background()
	if s, ok := FromContext(ctx); ok || s != nil {
		t.Errorf("FromContext(empty): got %v, %v, want nil, false", s, ok)
	}
	if _, ok := FromContext(NewContext(ctx, nil)); ok {
		t.Errorf("FromContext(nil session): got ok, want false")
	}
	s := New(ctx, nil, "")
	if got, ok := FromContext(NewContext(ctx, s)); !ok || got != s {
		t.Errorf("FromContext: got %p, %v, want %p, true", got, ok, s)
	}
	if got := sessionKey.String(); got != "session context value Session" {
		t.Errorf("context key String(): got %q", got)
	}
}
