package autodetect

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/migrations"
)

// TestDetect_lifecycle is makemigrations as an app's models grow: the
// initial migration, nothing to do when nothing changed, new fields and
// an index, each migration applied and unapplied on the engine.
func TestDetect_lifecycle(t *testing.T) {
	forEachEngine(t, func(t *testing.T, g *gorm.DB) {
		ch := detect(t, g, "polls", []any{&Poll{}, &Author{}}, nil)
		want := []string{"Create model Author", "Create model Poll"}
		if got := describe(ch.Operations); !slices.Equal(got, want) || !ch.Initial || len(ch.Dependencies) != 0 {
			t.Fatalf("initial: got %q, Initial %v, dependencies %v; want %q, Initial, none", got, ch.Initial, ch.Dependencies, want)
		}
		all := []*migrations.Migration{migration(t, ch, "0001_initial")}
		migrate(t, g, all)
		for _, table := range []string{"polls_author", "polls_poll"} {
			if !g.Migrator().HasTable(table) {
				t.Errorf("0001_initial did not create %s", table)
			}
		}
		if ch := detect(t, g, "polls", []any{&Author{}, &Poll{}}, all); len(ch.Operations) != 0 {
			t.Fatalf("unchanged models: got %q, want no operations", describe(ch.Operations))
		}

		ch = detect(t, g, "polls", []any{&Author{}, &PollVotes{}}, all)
		want = []string{"Add field votes to pollvotes", "Add field note to pollvotes",
			"Create index idx_polls_poll_votes_note on field(s) votes, note of model pollvotes"}
		if got := describe(ch.Operations); !slices.Equal(got, want) || ch.Initial || !slices.Equal(ch.Dependencies, [][2]string{{"polls", "0001_initial"}}) {
			t.Fatalf("new fields: got %q, dependencies %v; want %q after polls.0001_initial", got, ch.Dependencies, want)
		}
		all = append(all, migration(t, ch, "0002_votes"))
		migrate(t, g, all)
		if err := g.Exec("INSERT INTO polls_poll (text, active, created, votes) VALUES ('q', true, ?, 3)", "2026-01-02 03:04:05").Error; err != nil {
			t.Fatalf("insert with the new column: %v", err)
		}
		if ch := detect(t, g, "polls", []any{&Author{}, &PollVotes{}}, all); len(ch.Operations) != 0 {
			t.Fatalf("after 0002: got %q, want no operations", describe(ch.Operations))
		}

		if err := migrations.Unapply(t.Context(), g, all, "polls", io.Discard); err != nil {
			t.Fatalf("unapply: %v", err)
		}
		if g.Migrator().HasTable("polls_poll") || g.Migrator().HasTable("polls_author") {
			t.Error("after migrate polls zero the tables are still there")
		}
		migrate(t, g, all)
	})
}

// TestDetect_unsupported: changes that are not new tables, columns or
// indexes are refused, each one named.
func TestDetect_unsupported(t *testing.T) {
	forEachEngine(t, func(t *testing.T, g *gorm.DB) {
		all := []*migrations.Migration{migration(t, detect(t, g, "polls", []any{&Author{}, &Poll{}}, nil), "0001_initial")}
		tests := []struct {
			name   string
			models []any
			want   []string
		}{
			{"changed and removed", []any{&Author{}, &PollChanged{}}, []string{
				"change field PollChanged.Text (column polls_poll.text): type ",
				`change field PollChanged.Tag (column polls_poll.tag): default "x" in the database, "y" in the model`,
				"remove column polls_poll.body (no field of PollChanged maps to it)",
				"remove index idx_polls_poll_created of polls_poll",
			}},
			{"bad additions", []any{&Author{}, &PollBadAdds{}}, []string{
				"add field PollBadAdds.Rank (column polls_poll.rank): a NOT NULL column needs a default",
				"add field PollBadAdds.Email (column polls_poll.email): a unique column cannot be added",
			}},
			{"deleted model", []any{&Poll{}}, []string{
				"delete the model of table polls_author (no model of polls maps to it)",
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := Detect(t.Context(), g, "polls", tt.models, all)
				var ue *UnsupportedError
				if !errors.As(err, &ue) {
					t.Fatalf("got %v, want an UnsupportedError", err)
				}
				if len(ue.Changes) != len(tt.want) {
					t.Errorf("got %d changes %q, want %d", len(ue.Changes), ue.Changes, len(tt.want))
				}
				for _, w := range tt.want {
					if !slices.ContainsFunc(ue.Changes, func(c string) bool { return strings.HasPrefix(c, w) }) {
						t.Errorf("no change starts with %q in %q", w, ue.Changes)
					}
				}
			})
		}
	})
}

// TestDetect_otherApp: a new model referring to another app's table
// depends on that app's latest migration.
func TestDetect_otherApp(t *testing.T) {
	forEachEngine(t, func(t *testing.T, g *gorm.DB) {
		polls := migration(t, detect(t, g, "polls", []any{&Author{}, &Poll{}}, nil), "0001_initial")
		all := []*migrations.Migration{polls}
		ch := detect(t, g, "votes", []any{&Vote{}}, all)
		if got := describe(ch.Operations); !slices.Equal(got, []string{"Create model Vote"}) || !ch.Initial {
			t.Fatalf("got %q, Initial %v; want Create model Vote, initial", got, ch.Initial)
		}
		if want := [][2]string{{"polls", "0001_initial"}}; !slices.Equal(ch.Dependencies, want) {
			t.Errorf("got dependencies %v, want %v", ch.Dependencies, want)
		}
		all = append(all, migration(t, ch, "0001_initial"))
		migrate(t, g, all)
		if !g.Migrator().HasConstraint(&Vote{}, "fk_votes_vote_poll") {
			t.Error("votes_vote has no foreign key fk_votes_vote_poll")
		}
	})
}

// TestDetect_handWritten: the state includes what a hand-written
// migration did, and the scratch database leaves nothing behind.
func TestDetect_handWritten(t *testing.T) {
	forEachEngine(t, func(t *testing.T, g *gorm.DB) {
		initial := migration(t, detect(t, g, "polls", []any{&Author{}, &Poll{}}, nil), "0001_initial")
		// The hand-written 0002 adds votes and its index with plain SQL.
		up := map[string][]string{
			"sqlite":   {"ALTER TABLE polls_poll ADD votes bigint NOT NULL DEFAULT 0", "ALTER TABLE polls_poll ADD note varchar(50)"},
			"postgres": {"ALTER TABLE polls_poll ADD votes bigint NOT NULL DEFAULT 0", "ALTER TABLE polls_poll ADD note varchar(50)"},
			"mysql":    {"ALTER TABLE polls_poll ADD votes bigint NOT NULL DEFAULT 0", "ALTER TABLE polls_poll ADD note varchar(50)"},
		}
		for d := range up {
			up[d] = append(up[d], "CREATE INDEX idx_polls_poll_votes_note ON polls_poll (votes, note)")
		}
		byHand := &migrations.Migration{App: "polls", Name: "0002_by_hand", Dependencies: [][2]string{{"polls", "0001_initial"}}, Up: migrations.RunSQL(up)}
		all := []*migrations.Migration{initial, byHand}
		if ch := detect(t, g, "polls", []any{&Author{}, &PollVotes{}}, all); len(ch.Operations) != 0 {
			t.Errorf("got %q, want no operations after the hand-written migration", describe(ch.Operations))
		}
		if left := scratchLeftovers(t, g); len(left) != 0 {
			t.Errorf("scratch databases left behind: %q", left)
		}
		if g.Migrator().HasTable("polls_poll") {
			t.Error("Detect created polls_poll in the configured database")
		}
	})
}

// scratchLeftovers lists the scratch schemas or databases on g's server.
func scratchLeftovers(t *testing.T, g *gorm.DB) []string {
	t.Helper()
	var names []string
	var q string
	switch g.Dialector.Name() {
	case "postgres":
		q = "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'manouche_makemigrations_%'"
	case "mysql":
		q = "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'manouche_makemigrations_%'"
	default:
		return nil
	}
	if err := g.Raw(q).Scan(&names).Error; err != nil {
		t.Fatal(err)
	}
	return names
}

func TestDetect_errors(t *testing.T) {
	g := openEngine(t, "sqlite", "")
	broken := &migrations.Migration{App: "polls", Name: "0001_initial", Up: migrations.RunSQL(migrations.SQL{"postgres": {"SELECT 1"}})}
	if _, err := Detect(t.Context(), g, "polls", []any{&Poll{}}, []*migrations.Migration{broken}); err == nil ||
		!strings.Contains(err.Error(), `autodetect: apply polls.0001_initial to a scratch database: migrations: no SQL for database dialect "sqlite"`) {
		t.Errorf("a migration without SQLite SQL: got %v", err)
	}
	dup := []*migrations.Migration{broken, broken}
	if _, err := Detect(t.Context(), g, "polls", nil, dup); err == nil || !strings.Contains(err.Error(), "declared twice") {
		t.Errorf("duplicate migrations: got %v", err)
	}
	err := (&UnsupportedError{App: "polls", Changes: []string{"a", "b"}}).Error()
	if want := "autodetect: app polls: makemigrations cannot write a; b; write these changes in a migration by hand (makemigrations -empty polls)"; err != want {
		t.Errorf("UnsupportedError: got %q, want %q", err, want)
	}
}
