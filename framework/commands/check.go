package commands

import (
	"context"

	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/site"
)

func checkCommand(st *site.Site) *manage.Command {
	return &manage.Command{
		Name:  "check",
		Usage: "check",
		Short: "run the system checks on the settings and installed apps",
		Long:  "Check inspects the settings, the installed apps and MIDDLEWARE for common\nproblems and exits 1 when it finds an error (Django's check).",
		Run: func(ctx context.Context, args []string) error {
			msgs := st.Checks()
			if err := st.Ping(ctx); err != nil {
				msgs = append(msgs, checks.Message{ID: "manouche.E010", Level: checks.Error, Text: err.Error(),
					Hint: "Start the service, or fix DATABASES / CACHES in the settings."})
			}
			return checks.Report(st.Env.Stdout, msgs)
		},
	}
}
