package auth_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/manouche-go/manouche/contrib/auth"
	"github.com/manouche-go/manouche/framework/apps"
)

func permission(t *testing.T, ts *testSite, codename string) auth.Permission {
	t.Helper()
	var p auth.Permission
	if err := ts.db.Where("codename = ?", codename).First(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUser_HasPerm(t *testing.T) {
	ts := newSite(t, nil)
	direct := ts.user(t, "direct", "pw-direct-1")
	member := ts.user(t, "member", "pw-member-1")
	nobody := ts.user(t, "nobody", "pw-nobody-1")
	root, err := auth.CreateSuperuser(ts.ctx, "root", "root@example.com", "pw-root-1")
	if err != nil {
		t.Fatal(err)
	}
	inactiveRoot, _ := auth.CreateSuperuser(ts.ctx, "oldroot", "old@example.com", "pw-root-2")
	ts.db.Model(inactiveRoot).Update("is_active", false)
	inactiveRoot.IsActive = false

	view := permission(t, ts, "view_user")
	if err := ts.db.Model(direct).Association("UserPermissions").Append(&view); err != nil {
		t.Fatal(err)
	}
	editors := auth.Group{Name: "editors"}
	ts.db.Create(&editors)
	change := permission(t, ts, "change_session")
	ts.db.Model(&editors).Association("Permissions").Append(&change)
	ts.db.Model(member).Association("Groups").Append(&editors)

	tests := []struct {
		u    *auth.User
		perm string
		want bool
	}{
		{direct, "auth.view_user", true},
		{direct, "auth.change_user", false},
		{direct, "sessions.change_session", false},
		{member, "sessions.change_session", true},
		{member, "auth.view_user", false},
		{nobody, "auth.view_user", false},
		{root, "auth.view_user", true},
		{root, "anything.at_all", true},
		{inactiveRoot, "auth.view_user", false},
	}
	for _, tt := range tests {
		fresh := mustUser(t, ts, tt.u.Username)
		fresh.IsActive = tt.u.IsActive
		got, err := auth.HasPerm(ts.ctx, withConfig(t, ts, fresh), tt.perm)
		if err != nil || got != tt.want {
			t.Errorf("%s HasPerm(%q) = %v, %v, want %v", tt.u.Username, tt.perm, got, err, tt.want)
		}
	}
}

// withConfig reads u again through auth, so that it knows the site.
func withConfig(t *testing.T, ts *testSite, u *auth.User) *auth.User {
	t.Helper()
	got, err := auth.ModelBackend{}.GetUser(ts.ctx, ts.cfg, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got == nil { // inactive: GetUser refuses it, the user as given has no permission
		return u
	}
	return got
}

func TestPermissionRequired(t *testing.T) {
	ts := newSite(t, nil)
	alice := ts.user(t, "alice", "pw-alice-1")
	c := ts.NewClient(t)
	ts.login(t, c, "alice", "pw-alice-1")
	if r := c.Get("/staff/"); r.StatusCode != http.StatusForbidden {
		t.Errorf("without the permission: %d, want 403", r.StatusCode)
	}
	view := permission(t, ts, "view_user")
	ts.db.Model(alice).Association("UserPermissions").Append(&view)
	if r := c.Get("/staff/"); r.StatusCode != 200 || r.Body != "alice" {
		t.Errorf("with the permission: %d %q", r.StatusCode, r.Body)
	}
}

// TestCreatePermissions checks that the post-migrate step is idempotent
// and adds the permissions of a model that appears later, after the
// existing ones, keeping their ids.
func TestCreatePermissions(t *testing.T) {
	ts := newSite(t, nil)
	var before int64
	ts.db.Table("auth_permission").Count(&before)
	models := []apps.Model{{App: "shop", Name: "item", VerboseName: "item", Permissions: [][2]string{{"sell_item", "Can sell item"}}}}
	for range 2 {
		if err := auth.CreatePermissions(context.Background(), ts.db, models); err != nil {
			t.Fatal(err)
		}
	}
	var after []struct {
		ID             int64
		Codename, Name string
	}
	ts.db.Raw(`SELECT id, codename, name FROM auth_permission WHERE id > ? ORDER BY id`, before).Scan(&after)
	want := []string{"add_item", "change_item", "delete_item", "view_item", "sell_item"}
	if len(after) != len(want) {
		t.Fatalf("new permissions %v, want %v", after, want)
	}
	for i, p := range after {
		if p.Codename != want[i] || p.ID != before+int64(i)+1 {
			t.Errorf("permission %d: %+v, want %s with id %d", i, p, want[i], before+int64(i)+1)
		}
	}
	if after[0].Name != "Can add item" {
		t.Errorf("name %q, want Can add item", after[0].Name)
	}
}
