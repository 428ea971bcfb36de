package db

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// contextKey is a value for use with context.WithValue, used as a
// pointer.
type contextKey struct{ name string }

func (k *contextKey) String() string { return "db context value " + k.name }

var openKey = &contextKey{"DB"}

// ErrNoContextDB is returned by [FromContext] for a context that carries
// no database.
var ErrNoContextDB = errors.New("db: the context carries no database (serve the view through a manouche site)")

// NewContext returns a copy of ctx carrying the database that open
// returns, for [FromContext]. A site calls it for every request with the
// function that opens DATABASES.default once and then shares it.
func NewContext(ctx context.Context, open func() (*gorm.DB, error)) context.Context {
	return context.WithValue(ctx, openKey, open)
}

// FromContext returns the database of the site serving the request whose
// context is ctx (Django's django.db.connection), bound to ctx: its
// queries end when the request does. Views use it with GORM:
//
//	gdb, err := db.FromContext(req.HTTP.Context())
//	if err != nil {
//		return framework.ServerError(req, err)
//	}
//	var polls []Poll
//	err = gdb.Order("created desc").Limit(10).Find(&polls).Error
//
// A context without one is [ErrNoContextDB]; a database that cannot be
// opened is an error naming it.
func FromContext(ctx context.Context) (*gorm.DB, error) {
	open, ok := ctx.Value(openKey).(func() (*gorm.DB, error))
	if !ok || open == nil {
		return nil, ErrNoContextDB
	}
	g, err := open()
	if err != nil {
		return nil, fmt.Errorf("db: %w", err)
	}
	return g.WithContext(ctx), nil
}
