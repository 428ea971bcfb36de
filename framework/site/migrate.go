package site

import (
	"context"
	"fmt"
	"io"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/migrations"
)

// Migrate applies the installed apps' pending migrations, printing
// Django's progress lines to out, then runs [Site.PostMigrate]: what
// `manage migrate` does.
func (s *Site) Migrate(ctx context.Context, out io.Writer) error {
	db, err := s.Env.DB()
	if err != nil {
		return err
	}
	if err := migrations.Apply(ctx, db, s.Migrations(), out); err != nil {
		return err
	}
	return s.PostMigrate(ctx)
}

// PostMigrate runs the PostMigrate of every installed app that has one
// ([apps.PostMigrator]), in INSTALLED_APPS order: Django's post_migrate
// signal, which creates content types and permissions. It runs after every
// migrate, even one with nothing to apply.
func (s *Site) PostMigrate(ctx context.Context) error {
	for _, a := range s.Apps {
		if p, ok := a.(apps.PostMigrator); ok {
			if err := p.PostMigrate(ctx, s.Env, s.Apps); err != nil {
				return fmt.Errorf("site: post-migrate of %s: %w", a.Label(), err)
			}
		}
	}
	return nil
}
