package settings

import (
	"os"
	"reflect"
	"testing"
)

func TestSplitArgs(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		environ  []string
		wantPath string
		wantRest []string
	}{
		{"flag with space", []string{"--settings", "a.yaml", "migrate"}, nil, "a.yaml", []string{"migrate"}},
		{"flag with equals", []string{"migrate", "--settings=a.yaml"}, nil, "a.yaml", []string{"migrate"}},
		{"single dash", []string{"-settings=a.yaml", "check"}, nil, "a.yaml", []string{"check"}},
		{"last flag wins", []string{"--settings=a.yaml", "--settings", "b.yaml"}, nil, "b.yaml", []string{}},
		{"flag beats env", []string{"--settings=a.yaml"}, []string{"MANOUCHE_SETTINGS=env.yaml"}, "a.yaml", []string{}},
		{"env", []string{"runserver", "127.0.0.1:9000"}, []string{"MANOUCHE_SETTINGS=env.yaml"}, "env.yaml", []string{"runserver", "127.0.0.1:9000"}},
		{"last env wins", nil, []string{"MANOUCHE_SETTINGS=a.yaml", "MANOUCHE_SETTINGS=b.yaml"}, "b.yaml", []string{}},
		{"empty env ignored", []string{"help"}, []string{"MANOUCHE_SETTINGS="}, "", []string{"help"}},
		{"after double dash kept", []string{"cmd", "--", "--settings=x"}, nil, "", []string{"cmd", "--", "--settings=x"}},
		{"other flags kept", []string{"--settingsx=1", "--verbose"}, nil, "", []string{"--settingsx=1", "--verbose"}},
		{"nothing", nil, nil, "", []string{}},
	}
	t.Chdir(t.TempDir()) // no settings.yaml here
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, rest, err := SplitArgs(tt.args, tt.environ)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if path != tt.wantPath || !reflect.DeepEqual(rest, tt.wantRest) {
				t.Errorf("got %q %q, want %q %q", path, rest, tt.wantPath, tt.wantRest)
			}
		})
	}
}

func TestSplitArgs_defaultFile(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile(DefaultFile, []byte("DEBUG: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		environ []string
		want    string
	}{
		{"settings.yaml in working dir", nil, "settings.yaml"},
		{"env beats settings.yaml", []string{"MANOUCHE_SETTINGS=other.yaml"}, "other.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, _, err := SplitArgs([]string{"check"}, tt.environ)
			if err != nil || path != tt.want {
				t.Errorf("got %q, %v, want %q", path, err, tt.want)
			}
		})
	}
}

func TestSplitArgs_errors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "--settings"}, "settings: --settings needs a FILE argument"},
		{[]string{"--settings="}, "settings: --settings needs a non-empty FILE argument"},
		{[]string{"-settings", ""}, "settings: -settings needs a non-empty FILE argument"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, _, err := SplitArgs(tt.args, nil)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}
