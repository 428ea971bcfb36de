package settings

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestDefault_server(t *testing.T) {
	s := Default()
	want := Server{
		DataUploadMaxMemorySize: 2621440, DataUploadMaxNumberFields: 1000, DataUploadMaxNumberFiles: 100,
		FileUploadMaxMemorySize: 2621440, ServerReadHeaderTimeout: 10 * time.Second,
		ServerReadTimeout: 60 * time.Second, ServerWriteTimeout: 60 * time.Second,
		ServerIdleTimeout: 75 * time.Second, ServerShutdownTimeout: 30 * time.Second,
	}
	if s.Server != want {
		t.Errorf("got %+v, want %+v", s.Server, want)
	}
	if s.SilencedSystemChecks == nil || len(s.SilencedSystemChecks) != 0 {
		t.Errorf("SILENCED_SYSTEM_CHECKS: got %#v, want an empty list", s.SilencedSystemChecks)
	}
}

func TestLoad_server(t *testing.T) {
	tests := []struct {
		name string
		env  string
		get  func(*Settings) any
		want any
	}{
		{"size", "MANOUCHE_DATA_UPLOAD_MAX_MEMORY_SIZE=1024", func(s *Settings) any { return s.DataUploadMaxMemorySize }, int64(1024)},
		{"size none", "MANOUCHE_DATA_UPLOAD_MAX_MEMORY_SIZE=None", func(s *Settings) any { return s.DataUploadMaxMemorySize }, int64(-1)},
		{"fields", "MANOUCHE_DATA_UPLOAD_MAX_NUMBER_FIELDS=3", func(s *Settings) any { return s.DataUploadMaxNumberFields }, 3},
		{"files null", "MANOUCHE_DATA_UPLOAD_MAX_NUMBER_FILES=null", func(s *Settings) any { return s.DataUploadMaxNumberFiles }, -1},
		{"file memory", "MANOUCHE_FILE_UPLOAD_MAX_MEMORY_SIZE=0", func(s *Settings) any { return s.FileUploadMaxMemorySize }, int64(0)},
		{"temp dir", "MANOUCHE_FILE_UPLOAD_TEMP_DIR=/srv/tmp", func(s *Settings) any { return s.FileUploadTempDir }, "/srv/tmp"},
		{"fractional seconds", "MANOUCHE_SERVER_READ_TIMEOUT=1.5", func(s *Settings) any { return s.ServerReadTimeout }, 1500 * time.Millisecond},
		{"no idle limit", "MANOUCHE_SERVER_IDLE_TIMEOUT=0", func(s *Settings) any { return s.ServerIdleTimeout }, time.Duration(0)},
		{"silenced", "MANOUCHE_SILENCED_SYSTEM_CHECKS=security.W020,sessions.W001", func(s *Settings) any { return s.SilencedSystemChecks }, []string{"security.W020", "sessions.W001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load("", []string{"MANOUCHE_DEBUG=true", tt.env})
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.get(s); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestLoad_serverYAML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.yaml")
	yaml := "DEBUG: true\nDATA_UPLOAD_MAX_MEMORY_SIZE: null\nSERVER_WRITE_TIMEOUT: 5\nSERVER_SHUTDOWN_TIMEOUT: 0.25\nSILENCED_SYSTEM_CHECKS: [security.W009]\n"
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.DataUploadMaxMemorySize != -1 || s.ServerWriteTimeout != 5*time.Second ||
		s.ServerShutdownTimeout != 250*time.Millisecond || !reflect.DeepEqual(s.SilencedSystemChecks, []string{"security.W009"}) {
		t.Errorf("got %+v, silenced %v", s.Server, s.SilencedSystemChecks)
	}
}

func TestLoad_badServer(t *testing.T) {
	tests := []struct{ env, want string }{
		{"MANOUCHE_DATA_UPLOAD_MAX_MEMORY_SIZE=-2", `settings: DATA_UPLOAD_MAX_MEMORY_SIZE = "-2": must be a non-negative integer, or null for no limit`},
		{"MANOUCHE_DATA_UPLOAD_MAX_NUMBER_FIELDS=many", `settings: DATA_UPLOAD_MAX_NUMBER_FIELDS = "many": must be a non-negative integer, or null for no limit`},
		{"MANOUCHE_FILE_UPLOAD_MAX_MEMORY_SIZE=-1", `settings: FILE_UPLOAD_MAX_MEMORY_SIZE = "-1": must be a non-negative integer (bytes)`},
		{"MANOUCHE_SERVER_READ_TIMEOUT=-1", `settings: SERVER_READ_TIMEOUT = "-1": must be a non-negative number of seconds, or null for no limit`},
		{"MANOUCHE_SERVER_IDLE_TIMEOUT=1m", `settings: SERVER_IDLE_TIMEOUT = "1m": must be a non-negative number of seconds, or null for no limit`},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			_, err := Load("", []string{"MANOUCHE_DEBUG=true", tt.env})
			var se *Error
			if !errors.As(err, &se) || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}
