package db

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

// targetPlugin is the name under which [Open] records a *target in the
// gorm.DB's plugins, so that [Ping] can name the database it checks.
const targetPlugin = "manouche:db:target"

// target names an opened database in errors: the engine and
// "host:port/name" (a file name for SQLite). It is a GORM plugin that does
// nothing but ride along with the *gorm.DB.
type target struct {
	engine string
	addr   string
	secret string // the password, scrubbed from error messages
}

// Name implements gorm.Plugin.
func (t *target) Name() string { return targetPlugin }

// Initialize implements gorm.Plugin; there is nothing to set up.
func (t *target) Initialize(*gorm.DB) error { return nil }

func (t *target) String() string {
	if t.addr == "" {
		return t.engine
	}
	return t.engine + " " + t.addr
}

// targetOf returns the target Open recorded, or one naming db's dialect.
func targetOf(db *gorm.DB) *target {
	if p, ok := db.Config.Plugins[targetPlugin].(*target); ok {
		return p
	}
	return &target{engine: db.Dialector.Name()}
}

// fail wraps a connection error with the database's name, says
// "unreachable" when the server could not be reached, and keeps the
// password out of the message.
func (t *target) fail(err error) error {
	if t.secret != "" {
		err = scrubbed{err, t.secret}
	}
	if Unreachable(err) {
		return fmt.Errorf("db: %s: unreachable: %w", t, err)
	}
	return fmt.Errorf("db: %s: %w", t, err)
}

// scrubbed is an error whose message has secret replaced by
// settings.Redacted; errors.Is and errors.As still see the original.
type scrubbed struct {
	err    error
	secret string
}

func (s scrubbed) Error() string {
	return strings.ReplaceAll(s.err.Error(), s.secret, settings.Redacted)
}

func (s scrubbed) Unwrap() error { return s.err }
