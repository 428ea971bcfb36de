package auth

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/manouche-go/manouche/contrib/contenttypes"
	"github.com/manouche-go/manouche/framework/apps"
)

// defaultActions are Django's Meta.default_permissions, in order.
var defaultActions = []string{"add", "change", "delete", "view"}

// ModelPermissions returns the permissions of a model as {codename, name}
// pairs: Django's four defaults ("add_session", "Can add session"...) then
// the model's own.
func ModelPermissions(m apps.Model) [][2]string {
	out := make([][2]string, 0, len(defaultActions)+len(m.Permissions))
	for _, a := range defaultActions {
		out = append(out, [2]string{a + "_" + m.Name, "Can " + a + " " + m.VerboseName})
	}
	return append(out, m.Permissions...)
}

// CreatePermissions creates the missing permissions of models, and first
// their missing content types, in the order given, so that their ids
// follow Django's (Django's create_permissions, run after migrate). Rows
// that exist, whoever made them, are kept; it is safe to run concurrently
// with itself or with Django's migrate.
func CreatePermissions(ctx context.Context, db *gorm.DB, models []apps.Model) error {
	if err := contenttypes.Sync(ctx, db, models); err != nil {
		return err
	}
	ids, err := contenttypes.IDs(ctx, db, models)
	if err != nil {
		return err
	}
	have, err := existingPermissions(ctx, db, ids)
	if err != nil {
		return err
	}
	var missing []Permission
	for _, m := range models {
		ct := ids[[2]string{m.App, m.Name}]
		for _, p := range ModelPermissions(m) {
			if k := fmt.Sprint(ct, ".", p[0]); !have[k] {
				have[k] = true
				missing = append(missing, Permission{ContentTypeID: ct, Codename: p[0], Name: p[1]})
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	err = db.WithContext(ctx).Omit("ContentType").Clauses(clause.OnConflict{DoNothing: true}).Create(&missing).Error
	if err != nil {
		return fmt.Errorf("auth: create permissions: %w", err)
	}
	return nil
}

// existingPermissions returns "contenttype_id.codename" of the
// permissions of the content types ids.
func existingPermissions(ctx context.Context, db *gorm.DB, ids map[[2]string]int64) (map[string]bool, error) {
	var cts []int64
	for _, id := range ids {
		cts = append(cts, id)
	}
	have := map[string]bool{}
	if len(cts) == 0 {
		return have, nil
	}
	var rows []Permission
	if err := db.WithContext(ctx).Select("content_type_id", "codename").Where("content_type_id IN ?", cts).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("auth: read permissions: %w", err)
	}
	for _, r := range rows {
		have[fmt.Sprint(r.ContentTypeID, ".", r.Codename)] = true
	}
	return have, nil
}
