package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/manouche-go/manouche/framework/db"
)

// userColumns are auth_user's columns, read by name, never by position.
const userColumns = "id, password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined"

// errNoUser is the error of a user id no row has.
var errNoUser = errors.New("auth: no such user")

// userByIDStmt reads the user of every logged-in request: a statement
// prepared once on database/sql, without GORM's per-query work.
type userByIDStmt struct {
	stmt atomic.Pointer[sql.Stmt]
}

// userByID reads the user with id, or returns errNoUser.
func (c *Config) userByID(ctx context.Context, id int64) (*User, error) {
	st, err := c.userStmt.get(ctx, c)
	if err != nil {
		return nil, err
	}
	u := &User{cfg: c}
	var last sql.Null[db.DateTime]
	err = st.QueryRowContext(ctx, id).Scan(&u.ID, &u.Password, &last, &u.IsSuperuser, &u.Username,
		&u.FirstName, &u.LastName, &u.Email, &u.IsStaff, &u.IsActive, &u.DateJoined)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, errNoUser
	case err != nil:
		return nil, fmt.Errorf("auth: read user %d: %w", id, err)
	}
	if last.Valid {
		u.LastLogin = &last.V
	}
	return u, nil
}

// get prepares the statement on first use; a failed preparation (no table
// yet, the server down) is not kept.
func (s *userByIDStmt) get(ctx context.Context, c *Config) (*sql.Stmt, error) {
	if st := s.stmt.Load(); st != nil {
		return st, nil
	}
	g, err := c.DB(ctx)
	if err != nil {
		return nil, err
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	q := "SELECT " + userColumns + " FROM auth_user WHERE id = ?"
	if g.Dialector.Name() == "postgres" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	st, err := sqlDB.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("auth: prepare the user query: %w", err)
	}
	if !s.stmt.CompareAndSwap(nil, st) {
		st.Close()
		return s.stmt.Load(), nil
	}
	return st, nil
}
