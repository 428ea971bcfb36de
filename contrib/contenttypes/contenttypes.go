// Package contenttypes is django.contrib.contenttypes for manouche: the
// django_content_type table, one row per model of the installed apps, which
// auth's permissions point to.
//
// Install it before contrib.auth, as in Django:
//
//	import _ "github.com/manouche-go/manouche/contrib/contenttypes"
//
//	INSTALLED_APPS: [contrib.contenttypes, contrib.auth, contrib.sessions]   # or django.contrib.*
//
// The app registers Django's migrations contenttypes.0001_initial and
// contenttypes.0002_remove_content_type_name, which replay the DDL Django's
// own migrate runs on SQLite, PostgreSQL and MySQL/MariaDB, and, after
// every migrate, creates the content types of the installed apps' models
// that are missing ([Sync]), as Django's post_migrate handler does. Either
// side may migrate first; the other then finds nothing to do.
package contenttypes

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/migrations"
)

// Label is the app's INSTALLED_APPS label; Django's dotted name
// django.contrib.contenttypes is accepted as an alias.
const Label = "contrib.contenttypes"

func init() { apps.Register(app{}) }

// app is django.contrib.contenttypes as a manouche app.
type app struct{}

func (app) Label() string     { return Label }
func (app) Aliases() []string { return []string{"django.contrib.contenttypes"} }

// Migrations returns Django's two contenttypes migrations, recorded under
// Django's app label "contenttypes". Going back (migrate contenttypes zero)
// drops the table.
func (app) Migrations() []*migrations.Migration {
	return []*migrations.Migration{
		{App: "contenttypes", Name: "0001_initial", Up: migrations.RunSQL(ddl["0001_initial"]), Down: dropTable},
		{App: "contenttypes", Name: "0002_remove_content_type_name",
			Dependencies: [][2]string{{"contenttypes", "0001_initial"}},
			Up:           migrations.RunSQL(ddl["0002_remove_content_type_name"]), Down: noop},
	}
}

func dropTable(tx *gorm.DB) error { return tx.Migrator().DropTable(ContentType{}.TableName()) }

// noop is the way back of a migration whose way forward only narrows the
// schema: migrate zero then drops the table anyway.
func noop(*gorm.DB) error { return nil }

// Models returns Django's ContentType model.
func (app) Models() []apps.Model {
	return []apps.Model{{App: "contenttypes", Name: "contenttype", VerboseName: "content type"}}
}

// PostMigrate creates the missing content types of every installed app's
// models (Django's create_contenttypes).
func (app) PostMigrate(ctx context.Context, env *apps.Env, installed []apps.App) error {
	db, err := env.DB()
	if err != nil {
		return err
	}
	return Sync(ctx, db, apps.Models(installed))
}

// ContentType is a row of django_content_type (Django's ContentType): one
// model of one app.
type ContentType struct {
	ID       int64  `gorm:"column:id;primaryKey"`
	AppLabel string `gorm:"column:app_label"`
	Model    string `gorm:"column:model"`
}

// TableName returns "django_content_type", Django's table name.
func (ContentType) TableName() string { return "django_content_type" }

// Sync creates the content types of models that are missing, in the order
// given, so that their ids follow it as Django's do; existing rows, whoever
// made them, are kept. It is safe to run concurrently with itself or with
// Django's migrate: a row another process inserts meanwhile is skipped.
func Sync(ctx context.Context, db *gorm.DB, models []apps.Model) error {
	have, err := IDs(ctx, db, models)
	if err != nil {
		return err
	}
	var missing []ContentType
	for _, m := range models {
		k := [2]string{m.App, m.Name}
		if _, ok := have[k]; !ok {
			missing = append(missing, ContentType{AppLabel: m.App, Model: m.Name})
			have[k] = 0
		}
	}
	if len(missing) == 0 {
		return nil
	}
	err = db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&missing).Error
	if err != nil {
		return fmt.Errorf("contenttypes: create content types: %w", err)
	}
	return nil
}

// IDs returns the ids of the content types of models that exist, by
// {app label, model name}.
func IDs(ctx context.Context, db *gorm.DB, models []apps.Model) (map[[2]string]int64, error) {
	labels := map[string]bool{}
	var list []string
	for _, m := range models {
		if !labels[m.App] {
			labels[m.App] = true
			list = append(list, m.App)
		}
	}
	out := map[[2]string]int64{}
	if len(list) == 0 {
		return out, nil
	}
	var rows []ContentType
	if err := db.WithContext(ctx).Where("app_label IN ?", list).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("contenttypes: read content types: %w", err)
	}
	for _, r := range rows {
		out[[2]string{r.AppLabel, r.Model}] = r.ID
	}
	return out, nil
}
