package framework

import "context"

// User is the user a request is made by: Django's request.user, as views
// see it through [Request.User]. The auth app (contrib/auth) provides the
// real users; framework knows only this interface, so that it imports
// nothing of contrib. A view that needs the user's record asks contrib/auth
// for it (auth.GetUser).
type User interface {
	// IsAuthenticated reports whether the user logged in (Django's
	// is_authenticated): false for [AnonymousUser].
	IsAuthenticated() bool
	// GetUsername returns the username, "" for the anonymous user
	// (Django's get_username).
	GetUsername() string
	// HasPerm reports whether the user has the permission "app.codename"
	// (Django's has_perm). It never has any for the anonymous user.
	HasPerm(perm string) bool
}

// AnonymousUser is the user of a request that nobody is logged in to
// (Django's AnonymousUser). Its fields are the zero values of the auth
// user's, so that a template can print `<< .Request.User.Username >>` or
// test `<< if .Request.User.IsStaff >>` whoever is logged in.
type AnonymousUser struct {
	ID                             int64
	Username, Email                string
	FirstName, LastName            string
	IsActive, IsStaff, IsSuperuser bool
}

// IsAuthenticated returns false.
func (AnonymousUser) IsAuthenticated() bool { return false }

// IsAnonymous returns true (Django's is_anonymous).
func (AnonymousUser) IsAnonymous() bool { return true }

// GetUsername returns "".
func (AnonymousUser) GetUsername() string { return "" }

// HasPerm returns false.
func (AnonymousUser) HasPerm(string) bool { return false }

// UserLoader loads a request's user. The auth middleware implements it.
type UserLoader interface {
	// LoadUser returns the request's user, an [AnonymousUser] when nobody
	// is logged in, or an error when the user cannot be read (a database
	// failure).
	LoadUser() (User, error)
}

// LazyUser is a [User] loaded on first use (Django's SimpleLazyObject
// around get_user): the auth middleware gives every request one, so that a
// request that never looks at its user reads nothing. Like the session, it
// belongs to one request and is not safe for concurrent use.
//
// When loading fails, the user is anonymous and [LazyUser.Err] returns the
// error; [View] then answers 500, as Django does when request.user fails.
type LazyUser struct {
	loader UserLoader
	user   User
	err    error
}

// Reset makes l load its user with loader on first use.
func (l *LazyUser) Reset(loader UserLoader) { *l = LazyUser{loader: loader} }

// Get returns the user, loading it on the first call. After a failed load
// it returns an [AnonymousUser] and the error.
func (l *LazyUser) Get() (User, error) {
	if l.user == nil {
		var u User
		if l.loader != nil {
			u, l.err = l.loader.LoadUser()
		}
		if u == nil || l.err != nil {
			u = AnonymousUser{}
		}
		l.user = u
	}
	return l.user, l.err
}

// Set replaces the user, as if loaded (Django's request.user = user, which
// login and logout do).
func (l *LazyUser) Set(u User) {
	if u == nil {
		u = AnonymousUser{}
	}
	l.user, l.err = u, nil
}

// Loaded reports whether the user was loaded.
func (l *LazyUser) Loaded() bool { return l.user != nil }

// Err returns the error of the load, or nil (also before any load).
func (l *LazyUser) Err() error { return l.err }

// IsAuthenticated loads the user and reports whether it logged in.
func (l *LazyUser) IsAuthenticated() bool {
	u, _ := l.Get()
	return u.IsAuthenticated()
}

// GetUsername loads the user and returns its username.
func (l *LazyUser) GetUsername() string {
	u, _ := l.Get()
	return u.GetUsername()
}

// HasPerm loads the user and reports whether it has perm.
func (l *LazyUser) HasPerm(perm string) bool {
	u, _ := l.Get()
	return u.HasPerm(perm)
}

// userKey is the context key of the request's user.
var userKey = &contextKey{"User"}

// UserContext is a context.Context carrying a [LazyUser]: its parent's
// deadline, cancellation and values, plus the user, which [UserFrom] (on it
// or any context derived from it) returns. The auth middleware embeds one
// in the single object it allocates per request. Call [UserContext.Reset]
// before use.
type UserContext struct {
	context.Context
	user LazyUser
}

// Reset makes c a child of parent carrying a user that loader loads on
// first use.
func (c *UserContext) Reset(parent context.Context, loader UserLoader) {
	c.Context = parent
	c.user.Reset(loader)
}

// Value returns the user for the user key, and the parent's value for any
// other key.
func (c *UserContext) Value(key any) any {
	if key == any(userKey) {
		return &c.user
	}
	return c.Context.Value(key)
}

// String names the context, as the context package's own types do.
func (c *UserContext) String() string { return "framework.UserContext" }

// UserFrom returns the user that a [UserContext] in ctx carries, or false
// when there is none (no auth middleware).
func UserFrom(ctx context.Context) (*LazyUser, bool) {
	u, ok := ctx.Value(userKey).(*LazyUser)
	return u, ok && u != nil
}

// requestUser is the user of a new Request: the context's, or anonymous.
func requestUser(ctx context.Context) User {
	if u, ok := UserFrom(ctx); ok {
		return u
	}
	return AnonymousUser{}
}

// User returns the request's user as templates see it (Django's
// request.user in a template): the loaded user itself, so that every field
// of the auth user prints (`<< .Request.User.Username >>`,
// `<< if .Request.User.IsAuthenticated >>`). A template that never
// mentions User never loads it.
func (t *TemplateRequest) User() User {
	if l, ok := t.req.User.(*LazyUser); ok {
		u, _ := l.Get()
		return u
	}
	if t.req.User == nil {
		return AnonymousUser{}
	}
	return t.req.User
}
