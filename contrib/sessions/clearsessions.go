package sessions

import (
	"context"
	"fmt"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/manage"
	"github.com/manouche-go/manouche/framework/session"
)

// clearSessionsCommand is Django's clearsessions: it removes expired
// sessions from engines that keep them (db, cached_db, file).
func clearSessionsCommand(env *apps.Env) *manage.Command {
	return &manage.Command{
		Name:  "clearsessions",
		Usage: "clearsessions",
		Short: "remove expired sessions from the session store",
		Long: "Clearsessions deletes the expired sessions of SESSION_ENGINE, as Django's\n" +
			"clearsessions does. The cache and signed_cookies engines expire sessions\n" +
			"by themselves and have nothing to clear. The db and cached_db engines\n" +
			"delete in batches of a few thousand rows, each its own transaction, and\n" +
			"print how many they deleted (\"Deleted N expired sessions.\"), a line\n" +
			"Django's clearsessions does not print.",
		Run: func(ctx context.Context, args []string) error {
			return clearSessions(ctx, env)
		},
	}
}

func clearSessions(ctx context.Context, env *apps.Env) error {
	cfg, engine, err := NewConfig(env)
	if err != nil {
		return err
	}
	if cfg.Cookie != nil || engine.Name == "cache" {
		fmt.Fprintf(env.Stdout, "Session engine '%s' expires sessions by itself; nothing to clear.\n", engine.Name)
		return nil
	}
	if c, ok := cfg.Store.(session.ExpiredCounter); ok {
		n, err := c.ClearExpiredCount(ctx)
		if err != nil {
			return fmt.Errorf("sessions: clearsessions (engine %s): %w", engine.Name, err)
		}
		fmt.Fprintf(env.Stdout, "Deleted %d expired sessions.\n", n)
		return nil
	}
	c, ok := cfg.Store.(session.ExpiredClearer)
	if !ok {
		return fmt.Errorf("Session engine '%s' doesn't support clearing expired sessions.", engine.Name)
	}
	if err := c.ClearExpired(ctx); err != nil {
		return fmt.Errorf("sessions: clearsessions (engine %s): %w", engine.Name, err)
	}
	return nil
}
