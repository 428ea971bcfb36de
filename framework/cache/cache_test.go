package cache

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

type nopCache struct{ cfg Config }

func (nopCache) Get(context.Context, string) ([]byte, bool, error)                { return nil, false, nil }
func (nopCache) Set(context.Context, string, []byte, time.Duration) error         { return nil }
func (nopCache) Add(context.Context, string, []byte, time.Duration) (bool, error) { return true, nil }
func (nopCache) Delete(context.Context, string) error                             { return nil }

var errFactory = errors.New("factory failed")

func init() {
	Register("test.nop", func(cfg Config) (Cache, error) { return nopCache{cfg}, nil })
	Register("test.failing", func(Config) (Cache, error) { return nil, errFactory })
}

func TestOpen(t *testing.T) {
	tests := []struct {
		name    string
		backend string
		wantErr string // substring; "" = success
	}{
		{"registered backend", "test.nop", ""},
		{"unknown backend names the registered ones", "nope", `unknown backend "nope" (registered: test.failing, test.nop)`},
		{"factory error is wrapped", "test.failing", "cache: open test.failing: factory failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Open(Config{Backend: tt.backend, Location: "here"})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("got error %v, want nil", err)
				}
				if got := c.(nopCache).cfg.Location; got != "here" {
					t.Errorf("got Location %q passed to the factory, want %q", got, "here")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
	if _, err := Open(Config{Backend: "test.failing"}); !errors.Is(err, errFactory) {
		t.Errorf("got %v, want an error wrapping the factory's", err)
	}
}

func TestRegisterPanics(t *testing.T) {
	f := func(Config) (Cache, error) { return nopCache{}, nil }
	tests := []struct {
		name string
		reg  string
		f    Factory
	}{
		{"empty name", "", f},
		{"nil factory", "test.nil", nil},
		{"duplicate name", "test.nop", f},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.HasPrefix(s, "cache: ") {
					t.Errorf("got panic %v, want a panic message starting with %q", r, "cache: ")
				}
			}()
			Register(tt.reg, tt.f)
		})
	}
}

func TestErrUnavailable(t *testing.T) {
	err := errors.Join(errors.New("dial tcp: refused"), ErrUnavailable)
	if !errors.Is(err, ErrUnavailable) {
		t.Errorf("got errors.Is(%v, ErrUnavailable) false, want true", err)
	}
}

type pingCache struct {
	nopCache
	err error
}

func (p pingCache) Ping(context.Context) error { return p.err }

func TestPing(t *testing.T) {
	down := errors.Join(errors.New("dial tcp: refused"), ErrUnavailable)
	tests := []struct {
		name    string
		c       Cache
		wantErr error
	}{
		{"cache without Ping is always reachable", nopCache{}, nil},
		{"answering cache", pingCache{}, nil},
		{"unreachable cache", pingCache{err: down}, ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Ping(t.Context(), tt.c)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "cache: ping: ") {
				t.Errorf("got %q, want it prefixed %q", err, "cache: ping: ")
			}
		})
	}
}
