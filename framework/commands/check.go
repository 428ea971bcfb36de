package commands

import (
	"context"
	"flag"

	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
)

func checkCommand(st *site.Site) *manage.Command {
	var deploy bool
	return &manage.Command{
		Name:  "check",
		Usage: "check [--deploy]",
		Short: "run the system checks on the settings and installed apps",
		Long: "Check inspects the settings, the installed apps and MIDDLEWARE for common\nproblems and exits 1 when it finds an error (Django's check). Messages whose\n" +
			"ID is in SILENCED_SYSTEM_CHECKS are counted as silenced, not reported.\n\n" +
			"With --deploy it also runs the deployment checks: HSTS, the HTTPS redirect,\nsecure cookies, DEBUG, the security middleware (Django's check --deploy).",
		Flags: func(fs *flag.FlagSet) { fs.BoolVar(&deploy, "deploy", false, "also run the deployment checks") },
		Run: func(ctx context.Context, args []string) error {
			run := st.Checks
			if deploy {
				run = st.DeployChecks
			}
			msgs := run()
			if err := st.Ping(ctx); err != nil {
				msgs = append(msgs, checks.Message{ID: "manouche.E010", Level: checks.Error, Text: err.Error(),
					Hint: "Start the service, or fix DATABASES / CACHES in the settings."})
			}
			visible, silenced := checks.Silence(msgs, st.Settings.SilencedSystemChecks)
			return checks.ReportSilenced(st.Env.Stdout, visible, silenced)
		},
	}
}
