package contenttypes

// ddl holds, per migration and database dialect, the statements Django
// 3.2's own migrate runs (shared/spec/vectors/auth_schema.json for SQLite,
// with its table rebuilds; auth_schema_pg_mysql.json for PostgreSQL and
// MySQL/MariaDB, whose migrate runs what sqlmigrate prints). Replaying them
// leaves the very schema Django leaves, so that either side's migrate finds
// nothing to do after the other's.
var ddl = map[string]map[string][]string{
	// contenttypes.0001_initial
	"0001_initial": {
		"sqlite": {
			`CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);`,
			`CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");`,
		},
		"postgres": {
			`CREATE TABLE "django_content_type" ("id" serial NOT NULL PRIMARY KEY, "name" varchar(100) NOT NULL, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);`,
			`ALTER TABLE "django_content_type" ADD CONSTRAINT "django_content_type_app_label_model_76bd3d3b_uniq" UNIQUE ("app_label", "model");`,
		},
		"mysql": {
			"CREATE TABLE `django_content_type` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(100) NOT NULL, `app_label` varchar(100) NOT NULL, `model` varchar(100) NOT NULL);",
			"ALTER TABLE `django_content_type` ADD CONSTRAINT `django_content_type_app_label_model_76bd3d3b_uniq` UNIQUE (`app_label`, `model`);",
		},
	},
	// contenttypes.0002_remove_content_type_name
	"0002_remove_content_type_name": {
		"sqlite": {
			`CREATE TABLE "new__django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL, "name" varchar(100) NULL);`,
			`INSERT INTO "new__django_content_type" ("id", "app_label", "model", "name") SELECT "id", "app_label", "model", "name" FROM "django_content_type";`,
			`DROP TABLE "django_content_type";`,
			`ALTER TABLE "new__django_content_type" RENAME TO "django_content_type";`,
			`CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");`,
			`CREATE TABLE "new__django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);`,
			`INSERT INTO "new__django_content_type" ("id", "app_label", "model") SELECT "id", "app_label", "model" FROM "django_content_type";`,
			`DROP TABLE "django_content_type";`,
			`ALTER TABLE "new__django_content_type" RENAME TO "django_content_type";`,
			`CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");`,
		},
		"postgres": {
			`ALTER TABLE "django_content_type" ALTER COLUMN "name" DROP NOT NULL;`,
			`ALTER TABLE "django_content_type" DROP COLUMN "name" CASCADE;`,
		},
		"mysql": {
			"ALTER TABLE `django_content_type` MODIFY `name` varchar(100) NULL;",
			"ALTER TABLE `django_content_type` DROP COLUMN `name`;",
		},
	}}
