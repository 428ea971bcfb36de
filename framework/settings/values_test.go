package settings

import (
	"reflect"
	"testing"
)

func TestSettings_Values(t *testing.T) {
	s := Default()
	s.SecretKey = "k"
	s.Databases["default"] = Database{Engine: "postgres", Password: "pw", URL: "postgres://x"}
	got := map[string]any{}
	var order []string
	for _, v := range s.Values() {
		got[v.Name] = v.Value
		order = append(order, v.Name)
	}
	tests := []struct {
		name string
		want any
	}{
		{"SECRET_KEY", "k"},
		{"DEBUG", false},
		{"SESSION_COOKIE_HTTPONLY", true},
		{"SESSION_COOKIE_AGE", 1209600},
		{"USE_TZ", true},
		{"ALLOWED_HOSTS", []string{}},
		{"DATA_UPLOAD_MAX_MEMORY_SIZE", int64(2621440)},
		{"SERVER_READ_TIMEOUT", 60.0},
		{"SILENCED_SYSTEM_CHECKS", []string{}},
		{"TEMPLATES", map[string]any{"DIRS": []string{}}},
		{"CACHES", map[string]any{"default": map[string]any{"BACKEND": "locmem", "LOCATION": "", "KEY_PREFIX": "", "TIMEOUT": 300.0, "OPTIONS": map[string]any{}}}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(got[tt.name], tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, got[tt.name], tt.want)
		}
	}
	db := got["DATABASES"].(map[string]any)["default"].(map[string]any)
	if db["PASSWORD"] != "pw" || db["URL"] != "postgres://x" || db["ENGINE"] != "postgres" {
		t.Errorf("DATABASES.default: got %v", db)
	}
	if order[0] != "DEBUG" || len(order) != len(fields) {
		t.Errorf("order: got %v (%d names), want schema order of %d", order, len(order), len(fields))
	}
}

func TestDjangoKey(t *testing.T) {
	for in, want := range map[string]string{"KeyPrefix": "KEY_PREFIX", "URL": "URL", "Dirs": "DIRS", "HTTPOnly": "HTTP_ONLY"} {
		if got := djangoKey(in); got != want {
			t.Errorf("djangoKey(%q): got %q, want %q", in, got, want)
		}
	}
}
