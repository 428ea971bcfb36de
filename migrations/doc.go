// Package migrations is manouche's schema migration engine, a small
// django.db.migrations: migrations declared in Go, ordered by their
// dependencies, applied in a transaction each and recorded in Django's own
// django_migrations table, so that manouche and Django can share one
// database and each sees what the other applied.
//
// # Migrations
//
// A [Migration] has an app label, a name and dependencies, like Django's
// Migration class, and Up and Down steps on a GORM transaction instead of
// operations:
//
//	var initial = &migrations.Migration{
//		App:  "sessions", // Django's app label, as recorded in django_migrations
//		Name: "0001_initial",
//		Up:   func(tx *gorm.DB) error { return tx.Exec(createSessionTable).Error },
//		Down: func(tx *gorm.DB) error { return tx.Exec(`DROP TABLE "django_session"`).Error },
//	}
//
// Migrations that makemigrations writes hold their SQL for every
// supported dialect in a [SQL] value and run it with [RunSQL], Django's
// RunSQL operation:
//
//	Up: migrations.RunSQL(migrations.SQL{
//		"sqlite":   {"ALTER TABLE `polls_poll` ADD `votes` integer NOT NULL DEFAULT 0"},
//		"postgres": {`ALTER TABLE "polls_poll" ADD "votes" bigint NOT NULL DEFAULT 0`},
//		"mysql":    {"ALTER TABLE `polls_poll` ADD `votes` bigint NOT NULL DEFAULT 0"},
//	}),
//
// [Statements] shows the SQL of any migration's Up or Down for a database
// without running it (Django's sqlmigrate).
//
// The engine has no registry: callers pass every known migration (the
// installed apps' migrations, in INSTALLED_APPS order) to [Plan], [Apply],
// [Unapply] or [Show].
//
// # Bookkeeping
//
// django_migrations has Django's columns (id, app, name, applied) with
// Django's DDL on each supported dialect: SQLite, PostgreSQL (id serial,
// applied timestamp with time zone) and MySQL or MariaDB (id integer
// AUTO_INCREMENT, applied datetime(6) holding UTC). A row means "applied",
// whoever wrote it: a database Django already migrated is not migrated
// again. Each migration's Up and its row are committed together, so a
// failure leaves neither, except on MySQL, whose DDL commits by itself (as
// with Django there). Processes migrating one database at once take
// turns, through a lock the database provides, and apply each migration
// once.
//
// # Output
//
// [Apply] and [Unapply] print what Django's migrate prints:
//
//	Operations to perform:
//	  Apply all migrations: sessions
//	Running migrations:
//	  Applying sessions.0001_initial... OK
//
// and [Show] what showmigrations prints.
package migrations
