package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
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
	if unreachable(err) {
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

// unreachable reports whether err means the server could not be reached:
// a network error (refused, reset, timed out, unknown host), a broken
// connection, a deadline, or a server refusing connections while it
// starts, stops or is full (SQLSTATE class 08, 57P0x, 53300).
func unreachable(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var st interface{ SQLState() string } // pgx's *pgconn.PgError
	if errors.As(err, &st) {
		code := st.SQLState()
		return strings.HasPrefix(code, "08") || strings.HasPrefix(code, "57P0") || code == "53300"
	}
	return false
}
