// Package autodetect writes an app's next migration from its GORM models:
// Django's makemigrations (MigrationAutodetector and MigrationWriter),
// for migrations written as SQL.
//
// [Detect] applies the installed apps' migrations to a scratch database
// of the configured dialect, which is gone afterwards (an in-memory
// SQLite database, a PostgreSQL schema in a transaction that is rolled
// back, a MySQL database that is dropped), reads the schema they create
// and compares it with the app's models. What the models need and the
// migrations do not create yet becomes [Operation]s:
//
//   - [CreateModel]: a new table, with its indexes, unique and foreign key
//     constraints;
//   - [AddField]: a new column in an existing table;
//   - [AddIndex]: a new index.
//
// Anything else that differs (a removed or changed column, a removed
// model or index, a new primary key, unique column or foreign key on an
// existing table, a NOT NULL column without a default) is not guessed at:
// it is an [UnsupportedError] naming every such change, and nothing is
// written. A migration written by hand makes them.
//
// [SQL] renders the operations for every dialect of [Dialects] with
// GORM's own migrator in dry-run mode, so that a migration made against
// SQLite applies on PostgreSQL and MySQL too; [File] writes them as a Go
// file of the app's migrations package:
//
//	func init() {
//		all = append(all, &migrations.Migration{
//			App:          "polls",
//			Name:         "0002_poll_votes",
//			Dependencies: [][2]string{{"polls", "0001_initial"}},
//			// Add field votes to poll
//			Up: migrations.RunSQL(migrations.SQL{
//				"sqlite":   {"ALTER TABLE `polls_poll` ADD `votes` bigint NOT NULL DEFAULT 0"},
//				"postgres": {`ALTER TABLE "polls_poll" ADD "votes" bigint NOT NULL DEFAULT 0`},
//				"mysql":    {"ALTER TABLE `polls_poll` ADD `votes` bigint NOT NULL DEFAULT 0"},
//			}),
//			Down: ...
//		})
//	}
//
// On SQLite, strings with a size, integers and decimals get the column
// types PostgreSQL would (varchar(200), smallint, bigint, decimal(10,2))
// rather than GORM's text, integer and real: SQLite stores them with the
// same affinity, and a change of size or width shows in its schema as it
// would on a server.
package autodetect
