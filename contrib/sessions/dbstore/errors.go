package dbstore

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/framework/session"
)

// wrap returns err as the error of op, marked with session.ErrUnavailable
// when it means the database cannot be reached right now ([db.Unreachable]).
func wrap(op string, err error) error {
	if db.Unreachable(err) {
		return fmt.Errorf("dbstore: %s: %w: %w", op, session.ErrUnavailable, err)
	}
	return fmt.Errorf("dbstore: %s: %w", op, err)
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
