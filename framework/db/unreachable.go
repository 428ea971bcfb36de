package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/go-sql-driver/mysql"
)

// Unreachable reports whether err means the database server cannot be
// reached right now, rather than that the statement is wrong: a network
// error (refused, reset, timed out, unknown host), a broken connection
// (driver.ErrBadConn, go-sql-driver's ErrInvalidConn, an unexpected EOF),
// a deadline, or a server refusing or dropping connections while it
// starts, stops or is full. By SQLSTATE, from PostgreSQL (pgx) or MySQL
// and MariaDB: class 08 (connection exception, MySQL's 1040 and 1053
// among them), 57P01 to 57P03 (PostgreSQL shutting down or starting up),
// 53300 (too many connections) and 70100 (a connection MariaDB killed).
// It is the one outage classifier of manouche: [Open] and [Ping] say
// "unreachable" with it, and the db session engine answers 503 with it.
func Unreachable(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	switch code := sqlState(err); {
	case code == "":
		return false
	case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "57P0"):
		return true
	default:
		return code == "53300" || code == "70100"
	}
}

// sqlState returns the SQLSTATE of a PostgreSQL or MySQL error in err's
// chain, or "".
func sqlState(err error) string {
	var pg interface{ SQLState() string } // pgx's *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.SQLState()
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return strings.TrimRight(string(my.SQLState[:]), "\x00")
	}
	return ""
}
