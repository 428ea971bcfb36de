package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

func TestUnreachable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"refused", refused, true},
		{"refused, wrapped", fmt.Errorf("db: open: %w", refused), true},
		{"bad connection", driver.ErrBadConn, true},
		{"mysql invalid connection", mysql.ErrInvalidConn, true},
		{"deadline", context.DeadlineExceeded, true},
		{"unexpected EOF", io.ErrUnexpectedEOF, true},
		{"postgres admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"postgres cannot connect now", &pgconn.PgError{Code: "57P03"}, true},
		{"postgres connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"postgres too many connections", &pgconn.PgError{Code: "53300"}, true},
		{"mysql too many connections", &mysql.MySQLError{Number: 1040, SQLState: [5]byte{'0', '8', '0', '0', '4'}}, true},
		{"mariadb connection killed", &mysql.MySQLError{Number: 1927, SQLState: [5]byte{'7', '0', '1', '0', '0'}}, true},
		{"postgres syntax error", &pgconn.PgError{Code: "42601"}, false},
		{"postgres unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"mysql duplicate key", &mysql.MySQLError{Number: 1062, SQLState: [5]byte{'2', '3', '0', '0', '0'}}, false},
		{"record not found", gorm.ErrRecordNotFound, false},
		{"cancelled by the caller", context.Canceled, false},
		{"other", errors.New("no such table: django_session"), false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unreachable(tt.err); got != tt.want {
				t.Errorf("Unreachable(%v): got %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
