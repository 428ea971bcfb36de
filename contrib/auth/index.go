package auth

import (
	"context"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm/clause"

	"github.com/manouche-go/manouche/framework/db"
	"github.com/manouche-go/manouche/migrations"
)

// indexTable is the user→sessions index of [LogoutEverywhere]: a table of
// manouche's own in DATABASES.default (Django has no such thing and never
// touches it), which every server of a site shares.
const indexTable = "manouche_auth_user_session"

// indexMigration creates the index. It is recorded under Django's app
// label "auth" with a name Django never uses, so Django's migrate ignores
// it, as it ignores every migration it does not know.
var indexMigration = &migrations.Migration{
	App:          "auth",
	Name:         "manouche_0001_user_session_index",
	Dependencies: [][2]string{{"auth", "0012_alter_user_first_name_max_length"}},
	Up: migrations.RunSQL(map[string][]string{
		"sqlite": {
			`CREATE TABLE "manouche_auth_user_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "user_id" integer NOT NULL, "expire_date" datetime NOT NULL)`,
			`CREATE INDEX "manouche_auth_user_session_user_id" ON "manouche_auth_user_session" ("user_id")`,
		},
		"postgres": {
			`CREATE TABLE "manouche_auth_user_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "user_id" integer NOT NULL, "expire_date" timestamp with time zone NOT NULL)`,
			`CREATE INDEX "manouche_auth_user_session_user_id" ON "manouche_auth_user_session" ("user_id")`,
		},
		"mysql": {
			"CREATE TABLE `manouche_auth_user_session` (`session_key` varchar(40) NOT NULL PRIMARY KEY, `user_id` integer NOT NULL, `expire_date` datetime(6) NOT NULL)",
			"CREATE INDEX `manouche_auth_user_session_user_id` ON `manouche_auth_user_session` (`user_id`)",
		},
	}),
	Down: migrations.RunSQL(map[string][]string{
		"sqlite": {`DROP TABLE "manouche_auth_user_session"`}, "postgres": {`DROP TABLE "manouche_auth_user_session"`},
		"mysql": {"DROP TABLE `manouche_auth_user_session`"},
	}),
}

// indexRow is a row of the index: a session key, its user and the
// session's expiry when it was last saved.
type indexRow struct {
	SessionKey string      `gorm:"column:session_key;primaryKey"`
	UserID     int64       `gorm:"column:user_id"`
	ExpireDate db.DateTime `gorm:"column:expire_date"`
}

func (indexRow) TableName() string { return indexTable }

// index writes the user→sessions index. It remembers, for the most recent
// sessions it wrote, the user and expiry written, so that a logged-in
// request writes the index only when a session is new to this process or
// its expiry moved by more than [indexSlack].
type index struct {
	cfg   *Config
	mu    sync.Mutex
	known map[string]indexRow
	order []string // keys of known, oldest first, at most indexMemory
}

const (
	indexMemory = 10000       // sessions remembered per process
	indexSlack  = time.Minute // expiry drift below which a row is not rewritten
)

func newIndex(cfg *Config) *index { return &index{cfg: cfg, known: map[string]indexRow{}} }

// add records that key is a session of user id expiring at expiry. exact
// says that expiry is the one the session was just saved with; otherwise a
// session already known is left as it is.
func (x *index) add(ctx context.Context, key string, id int64, expiry time.Time, exact bool) {
	x.mu.Lock()
	k, ok := x.known[key]
	x.mu.Unlock()
	if ok && k.UserID == id && (!exact || k.ExpireDate.Sub(expiry).Abs() < indexSlack) {
		return
	}
	row := indexRow{SessionKey: key, UserID: id, ExpireDate: db.DateTime{Time: expiry.In(x.cfg.loc)}}
	g, err := x.cfg.DB(ctx)
	if err == nil {
		err = g.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "session_key"}},
			DoUpdates: clause.AssignmentColumns([]string{"user_id", "expire_date"}),
		}).Create(&row).Error
	}
	if err != nil {
		x.cfg.logger.Warn("auth: the user→sessions index could not record a session", "user", id, "err", err)
		return
	}
	x.remember(row)
}

func (x *index) remember(row indexRow) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.known[row.SessionKey]; !ok {
		x.order = append(x.order, row.SessionKey)
	}
	x.known[row.SessionKey] = row
	for len(x.order) > indexMemory {
		delete(x.known, x.order[0])
		x.order = x.order[1:]
	}
}

// remove deletes the rows of keys.
func (x *index) remove(ctx context.Context, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	x.mu.Lock()
	for _, k := range keys {
		delete(x.known, k) // its place in order goes when it comes up
	}
	x.mu.Unlock()
	g, err := x.cfg.DB(ctx)
	if err == nil {
		err = g.Where("session_key IN ?", keys).Delete(&indexRow{}).Error
	}
	if err != nil {
		x.cfg.logger.Warn("auth: the user→sessions index could not forget sessions", "sessions", len(keys), "err", err)
		return fmt.Errorf("auth: session index: %w", err)
	}
	return nil
}

// sessions returns the indexed sessions of user id, latest expiry first.
func (x *index) sessions(ctx context.Context, id int64) ([]indexRow, error) {
	g, err := x.cfg.DB(ctx)
	if err != nil {
		return nil, err
	}
	var rows []indexRow
	if err := g.Where("user_id = ?", id).Order("expire_date DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("auth: session index: %w", err)
	}
	if g.Dialector.Name() != "postgres" { // naive columns: a wall clock in loc, read as UTC
		for i, r := range rows {
			t := r.ExpireDate.Time
			rows[i].ExpireDate.Time = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), x.cfg.loc)
		}
	}
	return rows, nil
}
