package dbstore

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/session"
)

// wrap returns err as the error of op, marked with session.ErrUnavailable
// when it means the database cannot be reached right now.
func wrap(op string, err error) error {
	if unavailable(err) {
		return fmt.Errorf("dbstore: %s: %w: %w", op, session.ErrUnavailable, err)
	}
	return fmt.Errorf("dbstore: %s: %w", op, err)
}

// unavailable reports whether err is a connection-level failure rather
// than a problem with the statement: a network error (refused, reset,
// timed out), a broken connection, a deadline, or a server that is
// shutting down, starting up, full or has killed the connection.
func unavailable(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	return unavailableState(sqlState(err))
}

// unavailableState reports whether a SQLSTATE is a connection exception
// (class 08, such as MySQL's 1040 and 1053), a PostgreSQL server shutting
// down or starting up (57P01 to 57P03) or full (53300), or a connection
// MariaDB killed (70100).
func unavailableState(code string) bool {
	switch {
	case code == "":
		return false
	case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "57P0"):
		return true
	}
	return code == "53300" || code == "70100"
}

// sqlState returns the SQLSTATE of a PostgreSQL or MySQL error in err's
// chain, or "".
func sqlState(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return strings.TrimRight(string(my.SQLState[:]), "\x00")
	}
	return ""
}

// duplicate reports whether err is a duplicate-key error, whether or not
// the gorm.DB was opened with TranslateError.
func duplicate(d gorm.Dialector, err error) bool {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	tr, ok := d.(gorm.ErrorTranslator)
	return ok && errors.Is(tr.Translate(err), gorm.ErrDuplicatedKey)
}
