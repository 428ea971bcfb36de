package checks

import (
	"strings"
	"testing"

	"github.com/manouche-go/manouche/framework/settings"
)

// goodKey is a 50-character key with many unique characters.
const goodKey = "k3y-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"

func TestLevel_String(t *testing.T) {
	tests := []struct {
		l    Level
		want string
	}{
		{Debug, "DEBUG"}, {Info, "INFO"}, {Warning, "WARNING"}, {Error, "ERROR"},
		{Critical, "CRITICAL"}, {35, "LEVEL(35)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.l.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLevel_djangoValues(t *testing.T) {
	got := []Level{Debug, Info, Warning, Error, Critical}
	want := []Level{10, 20, 30, 40, 50}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("level %d: got %d, want %d", i, got[i], want[i])
		}
	}
}

func TestMessage_IsSerious(t *testing.T) {
	tests := []struct {
		l    Level
		want bool
	}{{Debug, false}, {Info, false}, {Warning, false}, {39, false}, {Error, true}, {Critical, true}}
	for _, tt := range tests {
		t.Run(tt.l.String(), func(t *testing.T) {
			if got := (Message{Level: tt.l}).IsSerious(); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHasErrors(t *testing.T) {
	tests := []struct {
		name string
		msgs []Message
		want bool
	}{
		{"none", nil, false},
		{"warnings only", []Message{{Level: Warning}, {Level: Info}}, false},
		{"one error", []Message{{Level: Warning}, {Level: Error}}, true},
		{"critical", []Message{{Level: Critical}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HasErrors(tt.msgs); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// saveRegistry restores the registry when the test ends.
func saveRegistry(t *testing.T) {
	t.Helper()
	registry.mu.Lock()
	saved := append([]Check(nil), registry.checks...)
	registry.mu.Unlock()
	t.Cleanup(func() {
		registry.mu.Lock()
		registry.checks = saved
		registry.mu.Unlock()
	})
}

func TestRun_registeredThenExtra(t *testing.T) {
	saveRegistry(t)
	Register(func(*settings.Settings) []Message { return []Message{{ID: "test.I001", Level: Info}} })
	extra := func(s *settings.Settings) []Message {
		return []Message{{ID: "app.W001", Level: Warning, Text: s.SecretKey[:3]}}
	}
	s := &settings.Settings{Debug: true, SecretKey: goodKey}
	got := Run(s, nil, extra)
	var ids []string
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	if want := "test.I001 app.W001"; strings.Join(ids, " ") != want {
		t.Errorf("IDs: got %q, want %q", strings.Join(ids, " "), want)
	}
	if got[len(got)-1].Text != "k3y" {
		t.Errorf("extra check saw settings: got Text %q, want %q", got[len(got)-1].Text, "k3y")
	}
}

func TestRegister_nilPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "checks: Register of nil Check" {
			t.Errorf("panic: got %v, want %q", r, "checks: Register of nil Check")
		}
	}()
	Register(nil)
}
