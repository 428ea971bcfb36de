package checks_test

import (
	"os"

	"github.com/manouche-go/manouche/framework/checks"
	"github.com/manouche-go/manouche/framework/settings"
)

func Example() {
	s := &settings.Settings{
		Debug:        false,
		SecretKey:    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN",
		AllowedHosts: []string{"example.com"},
	}
	requireMiddleware := func(s *settings.Settings) []checks.Message {
		if len(s.Middleware) == 0 {
			return []checks.Message{{ID: "shop.W001", Level: checks.Warning,
				Text: "MIDDLEWARE is empty.", Hint: "Add contrib.sessions.SessionMiddleware."}}
		}
		return nil
	}
	msgs := checks.Run(s, requireMiddleware)
	if err := checks.Report(os.Stdout, msgs); err != nil {
		os.Exit(1)
	}
	// Output:
	// System check identified some issues:
	//
	// WARNINGS:
	// ?: (shop.W001) MIDDLEWARE is empty.
	// 	HINT: Add contrib.sessions.SessionMiddleware.
	//
	// System check identified 1 issue (0 silenced).
}
