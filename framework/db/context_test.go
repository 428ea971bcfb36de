package db

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"
)

func TestFromContext(t *testing.T) {
	if _, err := FromContext(context.Background()); !errors.Is(err, ErrNoContextDB) {
		t.Errorf("no database: got %v, want ErrNoContextDB", err)
	}
	boom := errors.New("boom")
	ctx := NewContext(context.Background(), func() (*gorm.DB, error) { return nil, boom })
	if _, err := FromContext(ctx); !errors.Is(err, boom) {
		t.Errorf("failing open: got %v, want it wrapped", err)
	}
	g, _ := openTemp(t, nil)
	ctx, cancel := context.WithCancel(NewContext(context.Background(), func() (*gorm.DB, error) { return g, nil }))
	got, err := FromContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := got.Raw("SELECT 1").Scan(&n).Error; err != nil || n != 1 {
		t.Errorf("query: got %d, %v", n, err)
	}
	cancel()
	if err := got.Raw("SELECT 1").Scan(&n).Error; !errors.Is(err, context.Canceled) {
		t.Errorf("query after the request ended: got %v, want context.Canceled", err)
	}
}
