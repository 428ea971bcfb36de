package db

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm/logger"
)

// TestLogger_quiet: a fast statement without error is not logged and its
// SQL never built; an error, a slow statement, or any statement once the
// logger is at Info level (db.Debug()) is logged as GORM logs it.
func TestLogger_quiet(t *testing.T) {
	var buf bytes.Buffer
	l := newLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	ctx := context.Background()
	built := 0
	fc := func(sql string) func() (string, int64) {
		return func() (string, int64) { built++; return sql, 1 }
	}

	l.Trace(ctx, time.Now(), fc("SELECT fast"), nil)
	if built != 0 || buf.Len() != 0 {
		t.Errorf("fast statement: SQL built %d times, logged %q; want neither", built, buf.String())
	}
	l.Trace(ctx, time.Now(), fc("SELECT failing"), errors.New("boom"))
	l.Trace(ctx, time.Now().Add(-2*SlowQuery), fc("SELECT slow"), nil)
	l.LogMode(logger.Info).Trace(ctx, time.Now(), fc("SELECT debug"), nil)
	out := buf.String()
	for _, want := range []string{"SELECT failing", "boom", "SELECT slow", "SELECT debug"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "SELECT fast") {
		t.Errorf("the fast statement was logged:\n%s", out)
	}
	if sql, params := l.(interface {
		ParamsFilter(context.Context, string, ...any) (string, []any)
	}).ParamsFilter(ctx, "SELECT ?", "secret"); sql != "SELECT ?" || len(params) != 0 {
		t.Errorf("ParamsFilter = %q, %v; want the SQL without its parameters", sql, params)
	}
}
