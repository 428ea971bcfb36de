package migrations

import (
	"strings"
	"testing"
)

// m builds a migration "app.name" depending on "app.name" strings.
func m(id string, deps ...string) *Migration {
	app, name, _ := strings.Cut(id, ".")
	mig := &Migration{App: app, Name: name}
	for _, d := range deps {
		a, n, _ := strings.Cut(d, ".")
		mig.Dependencies = append(mig.Dependencies, [2]string{a, n})
	}
	return mig
}

func names(ms []*Migration) string {
	s := make([]string, len(ms))
	for i, x := range ms {
		s[i] = x.String()
	}
	return strings.Join(s, " ")
}

func TestPlan(t *testing.T) {
	tests := []struct {
		name string
		all  []*Migration
		want string
	}{
		{"empty", nil, ""},
		{"given order kept", []*Migration{m("b.1"), m("a.1"), m("c.1")}, "b.1 a.1 c.1"},
		{"dependency first", []*Migration{m("a.2", "a.1"), m("a.1")}, "a.1 a.2"},
		{"independent ones keep their place",
			[]*Migration{m("a.1", "c.1"), m("b.1"), m("c.1")}, "b.1 c.1 a.1"},
		{"cross-app chain", []*Migration{
			m("shop.1", "sessions.1"), m("shop.2", "shop.1", "auth.1"),
			m("sessions.1"), m("auth.1"),
		}, "sessions.1 shop.1 auth.1 shop.2"},
		{"diamond", []*Migration{m("d.1", "b.1", "c.1"), m("c.1", "a.1"), m("b.1", "a.1"), m("a.1")},
			"a.1 c.1 b.1 d.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := Plan(tt.all)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if got := names(plan); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPlan_errors(t *testing.T) {
	tests := []struct {
		name string
		all  []*Migration
		want string
	}{
		{"missing dependency", []*Migration{m("shop.1", "auth.0001_initial")},
			"migrations: shop.1 depends on auth.0001_initial, which does not exist"},
		{"self cycle", []*Migration{m("a.1", "a.1")},
			"migrations: dependency cycle: a.1 -> a.1"},
		{"two-cycle", []*Migration{m("x.1"), m("a.1", "b.1"), m("b.1", "a.1")},
			"migrations: dependency cycle: a.1 -> b.1 -> a.1"},
		{"cycle behind a dependent", []*Migration{m("z.1", "a.1"), m("a.1", "b.1"), m("b.1", "c.1"), m("c.1", "a.1")},
			"migrations: dependency cycle: a.1 -> b.1 -> c.1 -> a.1"},
		{"duplicate", []*Migration{m("a.1"), m("a.1")}, "migrations: a.1 is declared twice"},
		{"nil", []*Migration{m("a.1"), nil}, "migrations: migration 1 is nil"},
		{"no name", []*Migration{{App: "a"}}, `migrations: migration 0 ("a.") needs both App and Name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Plan(tt.all)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}
