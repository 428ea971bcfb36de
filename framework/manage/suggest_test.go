package manage

import "testing"

func TestSuggest(t *testing.T) {
	cands := []string{"check", "clearsessions", "help", "migrate", "runserver", "showmigrations", "startapp"}
	tests := []struct {
		name, in, want string
	}{
		{"transposition", "migarte", "migrate"},
		{"missing letter", "chek", "check"},
		{"extra letter", "checkk", "check"},
		{"substitution", "runservar", "runserver"},
		{"case ignored", "MIGRATE", "migrate"},
		{"two edits long name", "showmigratoins", "showmigrations"},
		{"short name one edit", "hlp", "help"},
		{"too far", "xyz", ""},
		{"one letter", "m", ""},
		{"two edits short name", "chk", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(tt.in, cands); got != tt.want {
				t.Errorf("Suggest(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSuggest_tieGoesToFirstSorted(t *testing.T) {
	if got := Suggest("cat", []string{"cbt", "bat", "cab"}); got != "bat" {
		t.Errorf("got %q, want %q", got, "bat")
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"abc", "abc", 0},
		{"abc", "acb", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // OSA, not full Damerau (which gives 2)
		{"héllo", "hello", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_"+tt.b, func(t *testing.T) {
			if got := distance(tt.a, tt.b); got != tt.want {
				t.Errorf("distance(%q, %q): got %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
