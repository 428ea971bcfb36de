package migrations

import (
	"context"
	"fmt"
	"io"
	"slices"

	"gorm.io/gorm"
)

// Show writes Django's showmigrations list to out: each app label on its
// own line, apps in the order they first appear in all, then one line per
// migration in [Plan] order, " [X] 0001_initial" when recorded in
// django_migrations (by manouche or Django) and " [ ] 0001_initial" when
// not. It never creates or changes anything.
func Show(ctx context.Context, db *gorm.DB, all []*Migration, out io.Writer) error {
	plan, err := Plan(all)
	if err != nil {
		return err
	}
	applied, err := appliedSet(db.WithContext(ctx))
	if err != nil {
		return err
	}
	var apps []string
	for _, m := range all {
		if !slices.Contains(apps, m.App) {
			apps = append(apps, m.App)
		}
	}
	for _, app := range apps {
		fmt.Fprintln(out, app)
		for _, m := range plan {
			if m.App != app {
				continue
			}
			mark := " "
			if applied[m.key()] {
				mark = "X"
			}
			fmt.Fprintf(out, " [%s] %s\n", mark, m.Name)
		}
	}
	return nil
}
