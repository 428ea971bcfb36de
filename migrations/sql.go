package migrations

// SQL holds the statements of one migration step for each database
// dialect, keyed by GORM dialect name: "sqlite", "postgres" or "mysql".
// [RunSQL] runs the statements of the database's dialect. makemigrations
// writes one for every dialect manouche supports, so that a migration
// made on a developer's SQLite applies on the production PostgreSQL.
type SQL map[string][]string
