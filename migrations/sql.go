package migrations

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// SQL holds the statements of one migration step for each database
// dialect, keyed by GORM dialect name: "sqlite", "postgres" or "mysql".
// makemigrations writes one for every dialect manouche supports, so that a
// migration made on a developer's SQLite applies on the production
// PostgreSQL.
type SQL map[string][]string

// RunSQL returns an Up or Down step that executes, in order, the
// statements sql holds for the transaction's dialect (Django's RunSQL
// operation). A dialect sql has no entry for is an error naming it and the
// dialects it has, so that a migration written for some databases fails
// before it changes anything on another. A failing statement is an error
// quoting it.
func RunSQL(sql SQL) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		dialect := tx.Dialector.Name()
		stmts, ok := sql[dialect]
		if !ok {
			return fmt.Errorf("migrations: no SQL for %s databases (the migration has SQL for %s)",
				dialect, strings.Join(slices.Sorted(maps.Keys(sql)), ", "))
		}
		for _, q := range stmts {
			if err := tx.Exec(q).Error; err != nil {
				return fmt.Errorf("migrations: %s: %w", q, err)
			}
		}
		return nil
	}
}
