package sessions

import (
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/session"
)

// Models returns Django's Session model, so that contenttypes and auth
// create its content type and permissions (sessions.session).
func (app) Models() []apps.Model {
	return []apps.Model{{App: "sessions", Name: "session", VerboseName: "session"}}
}

// SessionConfig builds the configuration of SESSION_ENGINE, with a store of
// its own, for code that works on sessions outside a request (the
// logout_user command of contrib.auth finds it through
// apps.SessionConfigProvider).
func (app) SessionConfig(env *apps.Env) (*session.Config, error) {
	cfg, _, err := NewConfig(env)
	return cfg, err
}
