package migrations

import (
	"context"
	"io"
	"strings"
	"testing"
)

func TestRunSQL(t *testing.T) {
	db := openDB(t, "")
	m := &Migration{App: "notes", Name: "0001_initial",
		Up: RunSQL(map[string][]string{"sqlite": {
			`CREATE TABLE "notes_note" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL)`,
			`CREATE INDEX "notes_note_text" ON "notes_note" ("text")`,
		}}),
		Down: RunSQL(map[string][]string{"sqlite": {`DROP TABLE "notes_note"`}}),
	}
	if err := Apply(context.Background(), db, []*Migration{m}, io.Discard); err != nil {
		t.Fatal(err)
	}
	var n int64
	db.Raw(`SELECT count(*) FROM sqlite_master WHERE name IN ('notes_note', 'notes_note_text')`).Scan(&n)
	if n != 2 {
		t.Errorf("found %d of the table and its index, want 2", n)
	}
	if err := Unapply(context.Background(), db, []*Migration{m}, "notes", io.Discard); err != nil {
		t.Fatal(err)
	}
	if db.Migrator().HasTable("notes_note") {
		t.Error("Down did not drop the table")
	}
	err := RunSQL(map[string][]string{"postgres": {"SELECT 1"}})(db)
	if err == nil || !strings.Contains(err.Error(), `"sqlite"`) {
		t.Errorf("a dialect without SQL: got %v, want an error naming sqlite", err)
	}
	err = RunSQL(map[string][]string{"sqlite": {"CREATE TABLE broken ("}})(db)
	if err == nil || !strings.Contains(err.Error(), "CREATE TABLE broken") {
		t.Errorf("a failing statement: got %v, want an error quoting it", err)
	}
}
