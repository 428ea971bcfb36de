package autodetect

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// scratch runs fn on a private, empty database of db's dialect, which is
// gone afterwards:
//
//   - SQLite: a new in-memory database.
//   - PostgreSQL: a new schema, made the search path, in a transaction
//     that is rolled back (PostgreSQL's DDL is transactional, so nothing
//     is left behind even if the process dies).
//   - MySQL and MariaDB: a new database, selected on one connection and
//     dropped afterwards (their DDL commits by itself).
//
// On PostgreSQL and MySQL this needs the privilege to create a schema or
// a database.
func scratch(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	name := scratchName()
	switch d := db.Dialector.Name(); d {
	case "sqlite":
		return scratchSQLite(ctx, db, fn)
	case "postgres":
		return scratchPostgres(ctx, db, name, fn)
	case "mysql":
		return scratchMySQL(ctx, db, name, fn)
	default:
		return fmt.Errorf("autodetect: %s databases are not supported (want sqlite, postgres or mysql)", d)
	}
}

// scratchName is a fresh schema or database name.
func scratchName() string {
	var b [6]byte
	rand.Read(b[:])
	return "manouche_makemigrations_" + hex.EncodeToString(b[:])
}

func scratchSQLite(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	mem, err := gorm.Open(sqlite.Open("file::memory:"), &gorm.Config{Logger: db.Logger})
	if err != nil {
		return fmt.Errorf("autodetect: open an in-memory database: %w", err)
	}
	sqlDB, err := mem.DB()
	if err != nil {
		return fmt.Errorf("autodetect: open an in-memory database: %w", err)
	}
	defer sqlDB.Close()
	sqlDB.SetMaxOpenConns(1) // each connection would be a database of its own
	return fn(mem.WithContext(ctx))
}

func scratchPostgres(ctx context.Context, db *gorm.DB, name string, fn func(tx *gorm.DB) error) error {
	rollback := errors.New("rollback")
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("CREATE SCHEMA " + name).Error; err != nil {
			return fmt.Errorf("autodetect: create a scratch schema: %w", err)
		}
		if err := tx.Exec("SET LOCAL search_path TO " + name).Error; err != nil {
			return fmt.Errorf("autodetect: select the scratch schema: %w", err)
		}
		if err := fn(tx); err != nil {
			return err
		}
		return rollback
	})
	if errors.Is(err, rollback) {
		return nil
	}
	return err
}

func scratchMySQL(ctx context.Context, db *gorm.DB, name string, fn func(tx *gorm.DB) error) error {
	return db.WithContext(ctx).Connection(func(conn *gorm.DB) (err error) {
		conn = conn.Session(&gorm.Session{NewDB: true})
		var current *string
		if err := conn.Raw("SELECT DATABASE()").Row().Scan(&current); err != nil {
			return fmt.Errorf("autodetect: current database: %w", err)
		}
		if err := conn.Exec("CREATE DATABASE " + name).Error; err != nil {
			return fmt.Errorf("autodetect: create a scratch database: %w", err)
		}
		// Drop it even when ctx is done, or it would stay on the server.
		defer func() {
			bg := conn.Session(&gorm.Session{Context: context.WithoutCancel(conn.Statement.Context)})
			if dropErr := bg.Exec("DROP DATABASE " + name).Error; dropErr != nil && err == nil {
				err = fmt.Errorf("autodetect: drop the scratch database %s: %w", name, dropErr)
			}
			if current != nil {
				bg.Exec("USE `" + *current + "`")
			}
		}()
		if err := conn.Exec("USE " + name).Error; err != nil {
			return fmt.Errorf("autodetect: select the scratch database: %w", err)
		}
		return fn(conn)
	})
}
