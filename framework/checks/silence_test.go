package checks

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestSilence(t *testing.T) {
	msgs := []Message{
		{ID: "security.W020", Level: Warning, Text: "W."},
		{ID: "manouche.E001", Level: Error, Text: "E."},
		{Level: Warning, Text: "no ID"},
	}
	tests := []struct {
		name     string
		ids      []string
		want     int // visible
		silenced int
		serious  bool
	}{
		{"none", nil, 3, 0, true},
		{"a warning", []string{"security.W020"}, 2, 1, true},
		{"the error", []string{"manouche.E001"}, 2, 1, false},
		{"both, and an unknown ID", []string{"manouche.E001", "security.W020", "x.W999"}, 1, 2, false},
		{"an empty ID never matches", []string{""}, 3, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			visible, n := Silence(msgs, tt.ids)
			if len(visible) != tt.want || n != tt.silenced || HasErrors(visible) != tt.serious {
				t.Errorf("got %d visible, %d silenced, serious %v; want %d, %d, %v", len(visible), n, HasErrors(visible), tt.want, tt.silenced, tt.serious)
			}
		})
	}
}

func TestReportSilenced(t *testing.T) {
	var b bytes.Buffer
	visible, n := Silence([]Message{{ID: "manouche.E001", Level: Error, Text: "E."}}, []string{"manouche.E001"})
	if err := ReportSilenced(&b, visible, n); err != nil {
		t.Errorf("got %v, want nil: the only error is silenced", err)
	}
	if want := "System check identified no issues (1 silenced).\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	err := ReportSilenced(&b, []Message{{ID: "a.E001", Level: Error, Text: "E."}}, 2)
	if !errors.Is(err, ErrSystemCheck) || !strings.HasSuffix(b.String(), "System check identified 1 issue (2 silenced).\n") {
		t.Errorf("got %v, %q", err, b.String())
	}
}
