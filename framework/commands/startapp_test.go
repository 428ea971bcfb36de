package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/manouche-go/manouche/framework/scaffold"
	"github.com/manouche-go/manouche/migrations/autodetect"
)

// Poll is the first model startapp writes for an app called polls, as
// its models.go declares it.
type Poll struct {
	ID      int64     `gorm:"primaryKey"`
	Text    string    `gorm:"size:200;not null"`
	Created time.Time `gorm:"not null;index"`
}

func (Poll) TableName() string { return "polls_poll" }

// TestStartApp_initialMigration: the 0001_initial.go that startapp writes
// is the file makemigrations writes for the model startapp writes, so
// that makemigrations on a new app finds nothing to do.
func TestStartApp_initialMigration(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "polls")
	if err := scaffold.App(scaffold.AppOptions{Name: "polls", Dir: dir, ImportPath: "example.com/mysite/polls"}); err != nil {
		t.Fatal(err)
	}
	models := readFile(t, filepath.Join(dir, "models.go"))
	for _, field := range []string{"ID      int64     `gorm:\"primaryKey\"`", "Text    string    `gorm:\"size:200;not null\"`",
		"Created time.Time `gorm:\"not null;index\"`", `func (Poll) TableName() string { return "polls_poll" }`} {
		if !strings.Contains(models, field) {
			t.Fatalf("polls/models.go no longer declares %s: update Poll in this test\n%s", field, models)
		}
	}
	ch, err := autodetect.Detect(t.Context(), openSQLite(t), "polls", []any{&Poll{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	up, down, err := autodetect.SQL(ch.Operations)
	if err != nil {
		t.Fatal(err)
	}
	f := autodetect.File{App: "polls", Name: "0001_initial", Operations: []string{"Create model Poll"}, Up: up, Down: down}
	want, err := f.Source()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "migrations", "0001_initial.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, gotBody, _ := strings.Cut(string(got), "\n")
	_, wantBody, _ := strings.Cut(string(want), "\n")
	if gotBody != wantBody {
		t.Errorf("startapp's 0001_initial.go is not what makemigrations writes:\ngot:\n%s\nwant:\n%s", got, want)
	}
}
