package migrations

import (
	"context"

	"gorm.io/gorm"
)

// Pending returns the migrations of all that django_migrations does not
// record, in [Plan] order (what Django's runserver counts in its "You
// have N unapplied migration(s)" notice). It never creates or changes
// anything.
func Pending(ctx context.Context, db *gorm.DB, all []*Migration) ([]*Migration, error) {
	plan, err := Plan(all)
	if err != nil {
		return nil, err
	}
	applied, err := appliedSet(db.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	var pending []*Migration
	for _, m := range plan {
		if !applied[m.key()] {
			pending = append(pending, m)
		}
	}
	return pending, nil
}
