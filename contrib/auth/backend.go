package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/registry"
)

// Backend authenticates users (Django's authentication backend, named in
// AUTHENTICATION_BACKENDS). Implementations must be safe for concurrent use.
type Backend interface {
	// Authenticate returns the user whose credentials username and password
	// are, or nil when they are not (a wrong password, an unknown or
	// inactive user): Django's authenticate returning None. An error is a
	// failure to check (the database is down).
	Authenticate(ctx context.Context, cfg *Config, username, password string) (*User, error)
	// GetUser returns the user with id if it may be logged in, else nil
	// (Django's get_user).
	GetUser(ctx context.Context, cfg *Config, id int64) (*User, error)
}

// PermissionBackend is implemented by backends that grant permissions
// (Django's has_perm on a backend). [User.HasPerm] asks every configured
// backend that implements it.
type PermissionBackend interface {
	// Permissions returns every permission of user as "app_label.codename".
	Permissions(ctx context.Context, cfg *Config, user *User) (map[string]bool, error)
}

// ModelBackendName is the name of [ModelBackend] in AUTHENTICATION_BACKENDS
// and in sessions (_auth_user_backend), Django's dotted path; its alias is
// "contrib.auth.ModelBackend".
const ModelBackendName = "django.contrib.auth.backends.ModelBackend"

// namedBackend is a configured backend and the name written to sessions.
type namedBackend struct {
	name string
	b    Backend
}

// backendRegistry holds the registered backends by name and alias.
var backendRegistry = registry.New[namedBackend]("auth")

func init() {
	RegisterBackend(ModelBackendName, ModelBackend{}, "contrib.auth.ModelBackend")
}

// RegisterBackend makes b available to AUTHENTICATION_BACKENDS under name,
// which is also what sessions store as _auth_user_backend (use Django's
// dotted path of the equivalent backend when a Django site shares the
// sessions), and under aliases. It is meant to be called from init and
// panics on an empty or duplicate name or a nil backend.
func RegisterBackend(name string, b Backend, aliases ...string) {
	if name == "" || b == nil {
		panic("auth: RegisterBackend needs a name and a backend")
	}
	backendRegistry.Register(namedBackend{name: name, b: b}, append([]string{name}, aliases...)...)
}

// lookupBackends resolves AUTHENTICATION_BACKENDS.
func lookupBackends(names []string) ([]namedBackend, error) {
	if len(names) == 0 {
		return nil, errors.New("auth: AUTHENTICATION_BACKENDS is empty")
	}
	out := make([]namedBackend, 0, len(names))
	for _, n := range names {
		nb, ok := backendRegistry.Lookup(n)
		if !ok {
			return nil, fmt.Errorf("auth: unknown backend %q in AUTHENTICATION_BACKENDS (known: %s)", n, strings.Join(backendRegistry.Names(), ", "))
		}
		out = append(out, nb)
	}
	return out, nil
}

// backend returns the configured backend that name (a session's
// _auth_user_backend) designates, by its name or an alias.
func (c *Config) backend(name string) (namedBackend, bool) {
	nb, ok := backendRegistry.Lookup(name)
	if !ok {
		return namedBackend{}, false
	}
	for _, b := range c.backends {
		if b.name == nb.name {
			return b, true
		}
	}
	return namedBackend{}, false
}

// ModelBackend authenticates against auth_user (Django's ModelBackend):
// username and password, active users only, permissions from
// auth_user_user_permissions and the user's groups.
type ModelBackend struct{}

// Authenticate checks the password of the user called username. An unknown
// user costs one run of the preferred hasher, as a wrong password does, so
// that timing tells nothing of which usernames exist. A correct password
// whose hash must be updated is re-hashed and saved first.
func (ModelBackend) Authenticate(ctx context.Context, cfg *Config, username, password string) (*User, error) {
	u, err := cfg.userBy(ctx, "username = ?", username)
	if errors.Is(err, gorm.ErrRecordNotFound) {
		cfg.hashers.Make(password) //nolint:errcheck // timing only
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ok, err := cfg.checkPassword(ctx, u, password)
	if err != nil || !ok || !u.IsActive {
		return nil, err
	}
	return u, nil
}

// GetUser returns the active user with id, or nil: one query by primary
// key, a statement prepared once.
func (ModelBackend) GetUser(ctx context.Context, cfg *Config, id int64) (*User, error) {
	u, err := cfg.userByID(ctx, id)
	if errors.Is(err, errNoUser) || err == nil && !u.IsActive {
		return nil, nil
	}
	return u, err
}

// Permissions returns the permissions of an active user: its own and its
// groups' (Django's get_all_permissions).
func (ModelBackend) Permissions(ctx context.Context, cfg *Config, u *User) (map[string]bool, error) {
	perms := map[string]bool{}
	if !u.IsActive || u.ID == 0 {
		return perms, nil
	}
	g, err := cfg.DB(ctx)
	if err != nil {
		return nil, err
	}
	var rows []struct{ AppLabel, Codename string }
	err = g.Raw(permissionsSQL, u.ID, u.ID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("auth: read permissions of user %d: %w", u.ID, err)
	}
	for _, r := range rows {
		perms[r.AppLabel+"."+r.Codename] = true
	}
	return perms, nil
}

// permissionsSQL reads a user's permissions, direct and through groups.
const permissionsSQL = `SELECT ct.app_label AS app_label, p.codename AS codename
FROM auth_permission p
JOIN django_content_type ct ON ct.id = p.content_type_id
JOIN auth_user_user_permissions up ON up.permission_id = p.id
WHERE up.user_id = ?
UNION
SELECT ct.app_label, p.codename
FROM auth_permission p
JOIN django_content_type ct ON ct.id = p.content_type_id
JOIN auth_group_permissions gp ON gp.permission_id = p.id
JOIN auth_user_groups ug ON ug.group_id = gp.group_id
WHERE ug.user_id = ?`

// userBy reads one user.
func (c *Config) userBy(ctx context.Context, where string, arg any) (*User, error) {
	g, err := c.DB(ctx)
	if err != nil {
		return nil, err
	}
	var u User
	if err := g.Where(where, arg).Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("auth: read user: %w", err)
	}
	u.cfg = c
	return &u, nil
}
