package checks

import (
	"errors"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		m    Message
		want string
	}{
		{"id and hint", Message{ID: "sessions.E001", Level: Error, Text: "Bad.", Hint: "Fix it."},
			"?: (sessions.E001) Bad.\n\tHINT: Fix it."},
		{"no hint", Message{ID: "security.W020", Text: "Empty."}, "?: (security.W020) Empty."},
		{"no id", Message{Text: "Plain."}, "?: Plain."},
		{"object", Message{ID: "x.W001", Text: "T.", Obj: "chi.middleware.Logger"},
			"chi.middleware.Logger: (x.W001) T."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.m); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if got := tt.m.String(); got != tt.want {
				t.Errorf("String(): got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReport(t *testing.T) {
	tests := []struct {
		name    string
		msgs    []Message
		want    string
		wantErr bool
	}{
		{name: "no issues", want: "System check identified no issues (0 silenced).\n"},
		{name: "one warning", msgs: []Message{{ID: "a.W001", Level: Warning, Text: "W.", Hint: "H."}},
			want: "System check identified some issues:\n\nWARNINGS:\n?: (a.W001) W.\n\tHINT: H.\n\n" +
				"System check identified 1 issue (0 silenced).\n"},
		{name: "groups by level, sorted within", wantErr: true, msgs: []Message{
			{ID: "b.W002", Level: Warning, Text: "w2"},
			{ID: "d.D001", Level: Debug, Text: "d"},
			{ID: "a.W001", Level: Warning, Text: "w1"},
			{ID: "c.E001", Level: Error, Text: "e"},
			{ID: "i.I001", Level: Info, Text: "i"},
			{ID: "z.C001", Level: Critical, Text: "c"},
		}, want: "SystemCheckError: System check identified some issues:\n" +
			"\nCRITICALS:\n?: (z.C001) c\n" +
			"\nERRORS:\n?: (c.E001) e\n" +
			"\nWARNINGS:\n?: (a.W001) w1\n?: (b.W002) w2\n" +
			"\nINFOS:\n?: (i.I001) i\n" +
			"\nDEBUGS:\n?: (d.D001) d\n" +
			"\nSystem check identified 6 issues (0 silenced).\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			err := Report(&b, tt.msgs)
			if got := b.String(); got != tt.want {
				t.Errorf("report:\ngot  %q\nwant %q", got, tt.want)
			}
			if gotErr := err != nil; gotErr != tt.wantErr {
				t.Fatalf("error: got %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrSystemCheck) {
				t.Errorf("error: got %v, want it to wrap ErrSystemCheck", err)
			}
		})
	}
}

func TestReport_errorNamesCount(t *testing.T) {
	err := Report(&strings.Builder{}, []Message{{Level: Error}, {Level: Warning}})
	want := "checks: system check identified serious issues (2 issues)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}
