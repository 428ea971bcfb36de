package autodetect

import (
	"testing"
	"time"
)

func TestName(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600))
	votes := Operation{Kind: AddField, Model: "Poll", Column: "votes"}
	tests := []struct {
		name    string
		ops     []Operation
		initial bool
		want    string
	}{
		{"initial", []Operation{{Kind: CreateModel, Model: "Poll"}}, true, "initial"},
		{"one field", []Operation{votes}, false, "poll_votes"},
		{"model and index", []Operation{{Kind: CreateModel, Model: "Choice"}, {Kind: AddIndex, Model: "Poll", Index: "idx_Created"}}, false, "choice_poll_idx_created"},
		{"too long", []Operation{votes, votes, votes, votes, votes}, false, "auto_20260304_0406"},
		{"empty", nil, false, "auto_20260304_0406"},
	}
	for _, tt := range tests {
		if got := Name(tt.ops, tt.initial, now); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestOperation_Describe(t *testing.T) {
	tests := []struct {
		o    Operation
		want string
	}{
		{Operation{Kind: CreateModel, Model: "Poll"}, "Create model Poll"},
		{Operation{Kind: AddField, Model: "Poll", Column: "votes"}, "Add field votes to poll"},
		{Operation{Kind: AddIndex, Model: "Poll", Index: "idx_x", Columns: []string{"a", "b"}}, "Create index idx_x on field(s) a, b of model poll"},
	}
	for _, tt := range tests {
		if got := tt.o.Describe(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
