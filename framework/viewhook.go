package framework

import (
	"context"
	"net/http"
	"time"
)

// ViewHook is Django's process_view: what a middleware does once the URL
// is resolved, before the view runs, knowing which view that is (the CSRF
// check, which exempt views skip). A middleware installs it in the
// request's context with [HookContext] or [WithViewHook]; the URL router
// runs every installed hook, outermost middleware first, before each view
// it routes to (see [ServeView]). Requests that match no URL run no hook.
type ViewHook interface {
	// ProcessView is called with the response writer, the request and the
	// handler the URL resolved to (a View, or any http.Handler). It
	// returns true when it has answered the request itself: the view and
	// the hooks after it do not run. It returns false to let them run.
	ProcessView(w http.ResponseWriter, r *http.Request, view http.Handler) (answered bool)
}

// hooksKey's value in a context is the innermost *HookContext.
var hooksKey = &contextKey{"ViewHook"}

// HookContext is a context.Context that carries one [ViewHook] and one
// value: context.WithValue(parent, key, val) plus the hook. A middleware
// embeds it in the object it allocates per request, so that installing
// its hook and its per-request state costs no allocation of its own; a
// middleware without a hook uses it with a nil hook. Call
// [HookContext.Reset] before use; the zero value has no parent.
type HookContext struct {
	parent   context.Context
	hook     ViewHook
	key, val any
}

// Reset makes c a child of parent that carries hook and, under key, val.
// A nil hook runs nothing; a nil key carries no value.
func (c *HookContext) Reset(parent context.Context, hook ViewHook, key, val any) {
	*c = HookContext{parent: parent, hook: hook, key: key, val: val}
}

// WithViewHook returns a copy of ctx that carries hook after the hooks
// ctx already has.
func WithViewHook(ctx context.Context, hook ViewHook) context.Context {
	c := new(HookContext)
	c.Reset(ctx, hook, nil, nil)
	return c
}

// Deadline returns the parent's deadline.
func (c *HookContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Done returns the parent's Done channel.
func (c *HookContext) Done() <-chan struct{} { return c.parent.Done() }

// Err returns the parent's error.
func (c *HookContext) Err() error { return c.parent.Err() }

// Value returns the carried value for its key, and the parent's value for
// any other key.
func (c *HookContext) Value(key any) any {
	switch {
	case key == any(hooksKey):
		return c
	case c.key != nil && key == c.key:
		return c.val
	}
	return c.parent.Value(key)
}

// String names the context, as the context package's own types do.
func (c *HookContext) String() string { return "framework.HookContext" }

// maxHooks bounds the hooks one request runs; more is a programming error.
const maxHooks = 16

// ServeView returns a handler that runs the view hooks of the request's
// context, outermost first, and then view, unless a hook answered. The URL
// router wraps every route's handler with it; a site that routes requests
// some other way wraps its views likewise.
func ServeView(view http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var stack [maxHooks]ViewHook
		hooks := stack[:0]
		for c, _ := r.Context().Value(hooksKey).(*HookContext); c != nil && len(hooks) < maxHooks; c, _ = c.parent.Value(hooksKey).(*HookContext) {
			if c.hook != nil {
				hooks = append(hooks, c.hook)
			}
		}
		for i := len(hooks) - 1; i >= 0; i-- {
			if hooks[i].ProcessView(w, r, view) {
				return
			}
		}
		view.ServeHTTP(w, r)
	})
}
