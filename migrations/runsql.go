package migrations

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// RunSQL returns a migration step that executes, in order, the statements
// listed for the database's dialect ("sqlite", "postgres" or "mysql", GORM's
// dialector names): Django's RunSQL, written per backend so that a step can
// replay exactly the DDL Django's own migrate runs, or the DDL makemigrations
// wrote for each backend. A dialect without an entry is an error naming it
// and the dialects the step has, before anything runs; an empty list does
// nothing. A failing statement is an error quoting its start.
func RunSQL(byDialect SQL) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		name := tx.Dialector.Name()
		stmts, ok := byDialect[name]
		if !ok {
			return fmt.Errorf("migrations: no SQL for database dialect %q (the migration has SQL for %s)",
				name, strings.Join(slices.Sorted(maps.Keys(byDialect)), ", "))
		}
		for _, q := range stmts {
			if err := tx.Exec(q).Error; err != nil {
				return fmt.Errorf("migrations: %.60s...: %w", q, err)
			}
		}
		return nil
	}
}
