package auth

import (
	"github.com/manouche-go/manouche/contrib/contenttypes"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/db"
)

// User is a row of auth_user, Django's django.contrib.auth.models.User.
// Write it through this package ([CreateUser], [SetPassword], ...) or
// GORM; either way every column is sent, since the table has no defaults.
//
// A User is a framework.User: views see it as req.User, templates as
// .Request.User (`<< .Request.User.Username >>`).
type User struct {
	ID          int64        `gorm:"column:id;primaryKey"`
	Password    string       `gorm:"column:password"`
	LastLogin   *db.DateTime `gorm:"column:last_login"`
	IsSuperuser bool         `gorm:"column:is_superuser"`
	Username    string       `gorm:"column:username"`
	FirstName   string       `gorm:"column:first_name"`
	LastName    string       `gorm:"column:last_name"`
	Email       string       `gorm:"column:email"`
	IsStaff     bool         `gorm:"column:is_staff"`
	IsActive    bool         `gorm:"column:is_active"`
	DateJoined  db.DateTime  `gorm:"column:date_joined"`

	// Groups and UserPermissions are the many-to-many relations of
	// auth_user_groups and auth_user_user_permissions; GORM loads them with
	// Preload and changes them with Association.
	Groups          []Group      `gorm:"many2many:auth_user_groups;joinForeignKey:user_id;joinReferences:group_id"`
	UserPermissions []Permission `gorm:"many2many:auth_user_user_permissions;joinForeignKey:user_id;joinReferences:permission_id"`

	cfg     *Config         // the site's, for HasPerm; set when auth loads or creates the user
	backend string          // the backend that authenticated or loaded the user (Django's user.backend)
	perms   map[string]bool // "app.codename" of every permission, once read (Django's _perm_cache)
}

// TableName returns "auth_user", Django's table name.
func (User) TableName() string { return "auth_user" }

// Group is a row of auth_group, Django's Group: a named set of
// permissions that its users have.
type Group struct {
	ID          int64        `gorm:"column:id;primaryKey"`
	Name        string       `gorm:"column:name"`
	Permissions []Permission `gorm:"many2many:auth_group_permissions;joinForeignKey:group_id;joinReferences:permission_id"`
}

// TableName returns "auth_group", Django's table name.
func (Group) TableName() string { return "auth_group" }

// Permission is a row of auth_permission, Django's Permission: the right
// to act on one model, named "app_label.codename" in [User.HasPerm].
type Permission struct {
	ID            int64                    `gorm:"column:id;primaryKey"`
	Name          string                   `gorm:"column:name"`
	ContentTypeID int64                    `gorm:"column:content_type_id"`
	ContentType   contenttypes.ContentType `gorm:"foreignKey:ContentTypeID"`
	Codename      string                   `gorm:"column:codename"`
}

// TableName returns "auth_permission", Django's table name.
func (Permission) TableName() string { return "auth_permission" }

// models are the auth app's models, in Django's order of definition, which
// gives content types and permissions Django's ids.
var models = []apps.Model{
	{App: "auth", Name: "permission", VerboseName: "permission"},
	{App: "auth", Name: "group", VerboseName: "group"},
	{App: "auth", Name: "user", VerboseName: "user"},
}
