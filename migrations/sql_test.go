package migrations

import (
	"strings"
	"testing"

	"gorm.io/gorm"
)

// notesSQL creates and drops a table and an index on every dialect.
var notesSQL = [2]SQL{
	{
		"sqlite":   {`CREATE TABLE "notes_note" ("id" integer PRIMARY KEY AUTOINCREMENT, "text" text)`, `CREATE INDEX "idx_notes_note_text" ON "notes_note"("text")`},
		"postgres": {`CREATE TABLE "notes_note" ("id" bigserial PRIMARY KEY, "text" text)`, `CREATE INDEX "idx_notes_note_text" ON "notes_note" ("text")`},
		"mysql":    {"CREATE TABLE `notes_note` (`id` bigint AUTO_INCREMENT PRIMARY KEY, `text` varchar(100))", "CREATE INDEX `idx_notes_note_text` ON `notes_note`(`text`)"},
	},
	{
		"sqlite":   {`DROP INDEX "idx_notes_note_text"`, `DROP TABLE "notes_note"`},
		"postgres": {`DROP INDEX "idx_notes_note_text"`, `DROP TABLE "notes_note"`},
		"mysql":    {"DROP INDEX `idx_notes_note_text` ON `notes_note`", "DROP TABLE `notes_note`"},
	},
}

func notesInitial() *Migration {
	return &Migration{App: "notes", Name: "0001_initial", Up: RunSQL(notesSQL[0]), Down: RunSQL(notesSQL[1])}
}

func TestRunSQL_appliesAndUnapplies(t *testing.T) {
	db := openDB(t, "")
	all := []*Migration{notesInitial()}
	if _, err := apply(t, db, all); err != nil {
		t.Fatal(err)
	}
	if !hasTable(t, db, "notes_note") || !db.Migrator().HasIndex("notes_note", "idx_notes_note_text") {
		t.Fatal("after Apply: notes_note or its index is missing")
	}
	if err := Unapply(t.Context(), db, all, "notes", &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	if hasTable(t, db, "notes_note") {
		t.Error("after Unapply: notes_note is still there")
	}
}

func TestRunSQL_errors(t *testing.T) {
	db := openDB(t, "")
	tests := []struct {
		name string
		sql  SQL
		want string
	}{
		{"no SQL for the dialect", SQL{"postgres": {"SELECT 1"}, "mysql": {"SELECT 1"}},
			`migrations: no SQL for database dialect "sqlite" (the migration has SQL for mysql, postgres)`},
		{"failing statement", SQL{"sqlite": {"CREATE TABLE a (x integer)", "CREATE TABLE a (x integer)"}},
			"migrations: CREATE TABLE a (x integer)...: table a already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Transaction(func(tx *gorm.DB) error { return RunSQL(tt.sql)(tx) })
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
			if hasTable(t, db, "a") {
				t.Error("the failed step's transaction left table a behind")
			}
		})
	}
}
