package checks_test

import (
	"fmt"
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

// SILENCED_SYSTEM_CHECKS: silenced messages are counted, not reported,
// and a silenced error no longer fails the check.
func ExampleSilence() {
	msgs := []checks.Message{
		{ID: "security.W020", Level: checks.Warning, Text: "ALLOWED_HOSTS must not be empty in deployment."},
		{ID: "manouche.E001", Level: checks.Error, Text: "Your SECRET_KEY is weak."},
	}
	visible, silenced := checks.Silence(msgs, []string{"manouche.E001"})
	err := checks.ReportSilenced(os.Stdout, visible, silenced)
	fmt.Println("failed:", err != nil)
	// Output:
	// System check identified some issues:
	//
	// WARNINGS:
	// ?: (security.W020) ALLOWED_HOSTS must not be empty in deployment.
	//
	// System check identified 1 issue (1 silenced).
	// failed: false
}
