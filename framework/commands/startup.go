package commands

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/manouche-go/manouche/framework"
	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/migrations"
)

// start runs everything that can stop runserver before it serves.
func (r *runner) start(ctx context.Context) (h http.Handler, err error) {
	if err := r.preconditions(); err != nil {
		return nil, err
	}
	fmt.Fprint(r.st.Env.Stdout, "Performing system checks...\n\n")
	if err := r.systemChecks(); err != nil {
		return nil, err
	}
	if err := r.st.Ping(ctx); err != nil {
		return nil, err
	}
	if h, err = r.st.Handler(); err != nil {
		return nil, err
	}
	r.migrationsNotice(ctx)
	return h, nil
}

// systemChecks prints Django's check report, to stdout when there is
// nothing to report and to stderr otherwise, and fails on an error.
func (r *runner) systemChecks() error {
	visible, silenced := checks.Silence(r.st.Checks(), r.st.Settings.SilencedSystemChecks)
	w := r.st.Env.Stdout
	if len(visible) > 0 {
		w = r.st.Env.Stderr
	}
	return checks.ReportSilenced(w, visible, silenced)
}

// migrationsNotice is Django's check_migrations: a notice, not an error,
// when migrations are not applied.
func (r *runner) migrationsNotice(ctx context.Context) {
	db, err := r.st.Env.DB()
	if err != nil {
		return
	}
	pending, err := migrations.Pending(ctx, db, r.st.Migrations())
	if err != nil || len(pending) == 0 {
		return
	}
	var apps []string
	for _, m := range pending {
		if !slices.Contains(apps, m.App) {
			apps = append(apps, m.App)
		}
	}
	fmt.Fprintf(r.st.Env.Stdout, "\nYou have %d unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): %s.\nRun '%s migrate' to apply them.\n",
		len(pending), strings.Join(apps, ", "), r.inv.program)
}

// banner is Django's, printed once the server is about to serve.
func (r *runner) banner() {
	settingsFile := r.inv.settingsFile
	if settingsFile == "" {
		settingsFile = "(none)"
	}
	fmt.Fprintf(r.st.Env.Stdout, "%s\nmanouche version %s, using settings '%s'\nStarting development server at http://%s/\nQuit the server with CONTROL-C.\n",
		time.Now().Format("January 02, 2006 - 15:04:05"), framework.Version(), settingsFile, r.addr)
}
