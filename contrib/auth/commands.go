package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/manouche-go/manouche/contrib/auth/validation"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/manage"
)

// changePasswordAttempts is how many times changepassword asks, as Django.
const changePasswordAttempts = 3

// changePasswordCommand is Django's changepassword.
func changePasswordCommand(env *apps.Env) *manage.Command {
	return &manage.Command{
		Name:  "changepassword",
		Usage: "changepassword USERNAME",
		Short: "change a user's password",
		Long: "Changepassword asks for a new password for USERNAME twice (without echo on a\n" +
			"terminal), checks it with AUTH_PASSWORD_VALIDATORS and saves it, as Django's\n" +
			"does; it gives up after 3 attempts. The user's sessions end: their session\n" +
			"hash no longer matches.",
		Run: onUser(env, "changepassword", func(ctx context.Context, u *User) error {
			fmt.Fprintf(env.Stdout, "Changing password for user '%s'\n", u.Username)
			return promptNewPassword(ctx, env, newPrompter(env), u)
		}),
	}
}

// onUser is the Run of a command taking one USERNAME: it reads the user,
// with the site's auth configuration in ctx, and runs do.
func onUser(env *apps.Env, name string, do func(ctx context.Context, u *User) error) func(context.Context, []string) error {
	return func(ctx context.Context, args []string) error {
		if len(args) != 1 {
			return manage.UsageErrorf("%s takes one USERNAME", name)
		}
		ctx, err := commandContext(ctx, env)
		if err != nil {
			return err
		}
		u, err := userNamed(ctx, args[0])
		if err != nil {
			return err
		}
		return do(ctx, u)
	}
}

func promptNewPassword(ctx context.Context, env *apps.Env, p *prompter, u *User) error {
	for range changePasswordAttempts {
		pw, err := p.secret("Password: ")
		if err != nil {
			return err
		}
		again, err := p.secret("Password (again): ")
		if err != nil {
			return err
		}
		if pw != again {
			fmt.Fprintln(env.Stderr, "Passwords do not match. Please try again.")
			continue
		}
		var ve *validation.Error
		if err := ValidatePassword(ctx, pw, u); errors.As(err, &ve) {
			fmt.Fprintln(env.Stderr, strings.Join(ve.Messages, "\n"))
			continue
		} else if err != nil {
			return err
		}
		if err := SetPassword(ctx, u, pw); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Password changed successfully for user '%s'\n", u.Username)
		return nil
	}
	return fmt.Errorf("Aborting password change for user '%s' after %d attempts", u.Username, changePasswordAttempts)
}

// userNamed reads the user called username, or says it does not exist.
func userNamed(ctx context.Context, username string) (*User, error) {
	cfg, err := ConfigFrom(ctx)
	if err != nil {
		return nil, err
	}
	u, err := cfg.userBy(ctx, "username = ?", username)
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("user '%s' does not exist", username)
	}
	return u, err
}

// logoutUserCommand ends every session of a user (Django has no such
// command).
func logoutUserCommand(env *apps.Env) *manage.Command {
	return &manage.Command{
		Name:  "logout_user",
		Usage: "logout_user USERNAME",
		Short: "end every session of a user, on every server",
		Long: "Logout_user ends every session of USERNAME that the user→sessions index\n" +
			"knows (the sessions manouche logged in or served), on the db, cached_db,\n" +
			"cache and file engines. Sessions in signed cookies cannot be ended on the\n" +
			"server: change the user's password (changepassword) to end them. Sessions\n" +
			"in a locmem cache live inside the server's process, out of a command's reach.",
		Run: onUser(env, "logout_user", func(ctx context.Context, u *User) error {
			n, err := LogoutEverywhere(ctx, u)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Ended %d %s of user '%s'.\n", n, plural(n, "session"), u.Username)
			return nil
		}),
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
