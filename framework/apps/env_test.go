package apps

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/framework/settings"
)

func TestNewEnv_defaults(t *testing.T) {
	s := &settings.Settings{Debug: true}
	e := NewEnv(s, nil, nil, nil, nil)
	if e.Settings != s {
		t.Errorf("Settings: got %p, want %p", e.Settings, s)
	}
	if e.Logger != slog.Default() {
		t.Errorf("Logger: got %v, want slog.Default()", e.Logger)
	}
	if e.Stdout != os.Stdout || e.Stderr != os.Stderr {
		t.Errorf("Stdout, Stderr: got %v, %v, want os.Stdout, os.Stderr", e.Stdout, e.Stderr)
	}
	if _, err := e.DB(); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("DB with nil open: got %v, want ErrNoDatabase", err)
	}
}

func TestNewEnv_keepsGiven(t *testing.T) {
	var out, errOut bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&out, nil))
	e := NewEnv(nil, nil, logger, &out, &errOut)
	if e.Logger != logger || e.Stdout != &out || e.Stderr != &errOut {
		t.Errorf("got %v %v %v, want the given logger and writers", e.Logger, e.Stdout, e.Stderr)
	}
}

func TestNewEnv_DB(t *testing.T) {
	errDown := errors.New("disk full")
	want := &gorm.DB{}
	tests := []struct {
		name      string
		results   []error // what each open call returns; nil = success
		calls     int
		wantOpens int
		wantErrs  []bool // per call: error expected
	}{
		{"success is cached", []error{nil}, 3, 1, []bool{false, false, false}},
		{"failure is retried", []error{errDown, errDown, nil}, 4, 3, []bool{true, true, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opens := 0
			open := func() (*gorm.DB, error) {
				err := tt.results[opens]
				opens++
				if err != nil {
					return nil, err
				}
				return want, nil
			}
			e := NewEnv(nil, open, nil, nil, nil)
			for i := range tt.calls {
				db, err := e.DB()
				if gotErr := err != nil; gotErr != tt.wantErrs[i] {
					t.Fatalf("call %d: got error %v, want error %v", i, err, tt.wantErrs[i])
				}
				if err != nil && (!errors.Is(err, errDown) || err.Error() != "apps: open database: disk full") {
					t.Errorf("call %d: got %q, want wrapped %q", i, err, "apps: open database: disk full")
				}
				if err == nil && db != want {
					t.Errorf("call %d: got db %p, want %p", i, db, want)
				}
			}
			if opens != tt.wantOpens {
				t.Errorf("opens: got %d, want %d", opens, tt.wantOpens)
			}
		})
	}
}

func TestNewEnv_DB_nilWithoutError(t *testing.T) {
	e := NewEnv(nil, func() (*gorm.DB, error) { return nil, nil }, nil, nil, nil)
	if _, err := e.DB(); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("got %v, want ErrNoDatabase", err)
	}
}

func TestNewEnv_DB_concurrentOpensOnce(t *testing.T) {
	var mu sync.Mutex
	opens := 0
	e := NewEnv(nil, func() (*gorm.DB, error) {
		mu.Lock()
		defer mu.Unlock()
		opens++
		return &gorm.DB{}, nil
	}, nil, nil, nil)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := e.DB(); err != nil {
				t.Errorf("DB: got %v, want nil", err)
			}
		})
	}
	wg.Wait()
	if opens != 1 {
		t.Errorf("opens: got %d, want 1", opens)
	}
}
