package migrations

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"
)

func TestStatements(t *testing.T) {
	db := openDB(t, "")
	irreversible := &Migration{App: "notes", Name: "0002_data", Up: RunSQL(SQL{"sqlite": {"UPDATE notes_note SET text = ''"}})}
	reads := &Migration{App: "notes", Name: "0003_reads", Up: func(tx *gorm.DB) error {
		var n int
		tx.Raw("SELECT count(*) FROM notes_note").Row().Scan(&n)
		return nil
	}}
	failing := &Migration{App: "notes", Name: "0004_fails", Up: func(*gorm.DB) error { return errors.New("boom") }}
	tests := []struct {
		name      string
		m         *Migration
		backwards bool
		want      []string
		wantErr   string
	}{
		{"forwards", notesInitial(), false, notesSQL[0]["sqlite"], ""},
		{"backwards", notesInitial(), true, notesSQL[1]["sqlite"], ""},
		{"no Up", &Migration{App: "notes", Name: "0005_empty"}, false, nil, ""},
		{"irreversible", irreversible, true, nil, "migrations: notes.0002_data is irreversible (no Down)"},
		{"reads the database", reads, false, nil, "migrations: notes.0003_reads forwards cannot be shown as SQL"},
		{"step error", failing, false, nil, "migrations: notes.0004_fails forwards: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Statements(db, tt.m, tt.backwards)
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("got %q, %v; want an error starting %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if hasTable(t, db, "notes_note") || hasTable(t, db, "django_migrations") {
		t.Error("Statements changed the database")
	}
}

func TestStatements_gormMigrator(t *testing.T) {
	type Note struct {
		ID   int64
		Text string `gorm:"index"`
	}
	m := &Migration{App: "notes", Name: "0001_initial", Up: func(tx *gorm.DB) error {
		return tx.Table("notes_note").Migrator().CreateTable(&Note{})
	}}
	got, err := Statements(openDB(t, ""), m, false)
	want := []string{"CREATE TABLE `notes_note` (`id` integer PRIMARY KEY AUTOINCREMENT,`text` text)",
		"CREATE INDEX `idx_notes_note_text` ON `notes_note`(`text`)"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

func TestDryRun(t *testing.T) {
	db := openDB(t, "")
	stmts, err := DryRun(db, func(tx *gorm.DB) error {
		return tx.Exec("CREATE TABLE a (x integer)").Exec("INSERT INTO a VALUES (?)", 7).Error
	})
	if want := []string{"CREATE TABLE a (x integer)", "INSERT INTO a VALUES (7)"}; err != nil || !slices.Equal(stmts, want) {
		t.Errorf("got %q, %v; want %q", stmts, err, want)
	}
	if hasTable(t, db, "a") {
		t.Error("DryRun ran the statements")
	}
	if _, err := DryRun(db, func(*gorm.DB) error { panic("boom") }); err == nil || err.Error() != "migrations: dry run: panic: boom" {
		t.Errorf("panic: got %v", err)
	}
}
