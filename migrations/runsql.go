package migrations

import (
	"fmt"

	"gorm.io/gorm"
)

// RunSQL returns a migration step that executes, in order, the statements
// listed for the database's dialect ("sqlite", "postgres" or "mysql", GORM's
// dialector names): Django's RunSQL, written per backend so that a step can
// replay exactly the DDL Django's own migrate runs. A dialect without an
// entry is an error naming it; an empty list does nothing.
func RunSQL(byDialect map[string][]string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		name := tx.Dialector.Name()
		stmts, ok := byDialect[name]
		if !ok {
			return fmt.Errorf("migrations: no SQL for database dialect %q", name)
		}
		for _, q := range stmts {
			if err := tx.Exec(q).Error; err != nil {
				return fmt.Errorf("migrations: %.60s...: %w", q, err)
			}
		}
		return nil
	}
}
