package auth

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os/user"
	"strings"

	"github.com/manouche-go/manouche/contrib/auth/validation"
	"github.com/manouche-go/manouche/framework/apps"
	"github.com/manouche-go/manouche/framework/manage"
)

// Variables createsuperuser --noinput reads. Django's own names
// (DJANGO_SUPERUSER_*) are read when ours are unset, so a deployment
// script written for Django works unchanged.
const (
	envUsername = "MANOUCHE_SUPERUSER_USERNAME"
	envEmail    = "MANOUCHE_SUPERUSER_EMAIL"
	envPassword = "MANOUCHE_SUPERUSER_PASSWORD"
)

// superuserEnv returns the variable name (MANOUCHE_SUPERUSER_…) or, when it
// is unset or empty, Django's DJANGO_SUPERUSER_… of the same suffix.
func superuserEnv(env *apps.Env, name string) string {
	if v := env.Getenv(name); v != "" {
		return v
	}
	return env.Getenv("DJANGO_" + strings.TrimPrefix(name, "MANOUCHE_"))
}

// createSuperuserCommand is Django's createsuperuser.
func createSuperuserCommand(env *apps.Env) *manage.Command {
	var username, email string
	var noinput bool
	return &manage.Command{
		Name:  "createsuperuser",
		Usage: "createsuperuser [--username NAME] [--email ADDRESS] [--noinput]",
		Short: "create a superuser",
		Long: "Createsuperuser creates a staff superuser, as Django's does. It asks for the\n" +
			"username, email address and password (twice, without echo on a terminal),\n" +
			"checks the password with AUTH_PASSWORD_VALIDATORS and offers to bypass them.\n" +
			"With --noinput it asks nothing: --username and --email (or\n" +
			envUsername + " and " + envEmail + ") are required, and the\n" +
			"password is " + envPassword + " (Django's DJANGO_SUPERUSER_* names\n" +
			"are read when these are unset); without a password the user gets an\n" +
			"unusable password and cannot log in until changepassword sets one.",
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&username, "username", "", "the superuser's username")
			fs.StringVar(&email, "email", "", "the superuser's email address")
			fs.BoolVar(&noinput, "noinput", false, "ask nothing (Django's --noinput)")
			fs.BoolVar(&noinput, "no-input", false, "same as --noinput")
		},
		Run: func(ctx context.Context, args []string) error {
			if len(args) != 0 {
				return manage.UsageErrorf("createsuperuser takes no arguments, got %q", args)
			}
			ctx, err := commandContext(ctx, env)
			if err != nil {
				return err
			}
			if noinput {
				_, err = superuserNoInput(ctx, env, username, email)
			} else {
				_, err = superuserInteractive(ctx, env, newPrompter(env), username, email)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Superuser created successfully.")
			return nil
		},
	}
}

// commandContext carries the site's auth configuration.
func commandContext(ctx context.Context, env *apps.Env) (context.Context, error) {
	cfg, err := NewConfig(env)
	if err != nil {
		return nil, err
	}
	return NewContext(ctx, cfg), nil
}

// superuserNoInput creates the superuser from flags and variables. As in
// Django the password is not validated, but the validators' complaints are
// printed as warnings.
func superuserNoInput(ctx context.Context, env *apps.Env, username, email string) (*User, error) {
	username = firstNonEmpty(username, superuserEnv(env, envUsername))
	email = firstNonEmpty(email, superuserEnv(env, envEmail))
	switch {
	case username == "":
		return nil, errors.New("You must use --username with --noinput.")
	case email == "":
		return nil, errors.New("You must use --email with --noinput.")
	}
	if msg := usernameProblem(ctx, username); msg != "" {
		return nil, errors.New(msg)
	}
	password := superuserEnv(env, envPassword)
	if password != "" {
		if err := ValidatePassword(ctx, password, &User{Username: username, Email: email}); err != nil {
			fmt.Fprintf(env.Stderr, "Warning: %s\n", err)
		}
	}
	return CreateSuperuser(ctx, username, email, password)
}

// superuserInteractive asks for what the flags did not give.
func superuserInteractive(ctx context.Context, env *apps.Env, p *prompter, username, email string) (*User, error) {
	if username != "" {
		if msg := usernameProblem(ctx, username); msg != "" {
			fmt.Fprintln(env.Stderr, msg)
			username = ""
		}
	}
	def := defaultUsername(ctx)
	for username == "" {
		prompt := "Username: "
		if def != "" {
			prompt = fmt.Sprintf("Username (leave blank to use '%s'): ", def)
		}
		answer, err := p.line(prompt)
		if err != nil {
			return nil, err
		}
		username = firstNonEmpty(NormalizeUsername(answer), def)
		if msg := usernameProblem(ctx, username); msg != "" {
			fmt.Fprintln(env.Stderr, msg)
			username = ""
		}
	}
	for email == "" {
		answer, err := p.line("Email address: ")
		if err != nil {
			return nil, err
		}
		if email = strings.TrimSpace(answer); email == "" {
			fmt.Fprintln(env.Stderr, "Error: This field cannot be blank.")
		}
	}
	password, err := askPassword(ctx, env, p, &User{Username: username, Email: email}, true)
	if err != nil {
		return nil, err
	}
	return CreateSuperuser(ctx, username, email, password)
}

// askPassword asks for a new password twice until both match, it is not
// blank and it passes the validators (or, when bypass is allowed, the user
// accepts it anyway).
func askPassword(ctx context.Context, env *apps.Env, p *prompter, u *User, bypass bool) (string, error) {
	for {
		pw, err := p.secret("Password: ")
		if err != nil {
			return "", err
		}
		again, err := p.secret("Password (again): ")
		if err != nil {
			return "", err
		}
		switch {
		case pw != again:
			fmt.Fprintln(env.Stderr, "Error: Your passwords didn't match.")
			continue
		case strings.TrimSpace(pw) == "":
			fmt.Fprintln(env.Stderr, "Error: Blank passwords aren't allowed.")
			continue
		}
		var ve *validation.Error
		if !errors.As(ValidatePassword(ctx, pw, u), &ve) {
			return pw, nil
		}
		fmt.Fprintln(env.Stderr, strings.Join(ve.Messages, "\n"))
		if !bypass {
			continue
		}
		answer, err := p.line("Bypass password validation and create user anyway? [y/N]: ")
		if err != nil {
			return "", err
		}
		if strings.EqualFold(strings.TrimSpace(answer), "y") {
			return pw, nil
		}
	}
}

// usernameProblem returns Django's message for a username that cannot be
// used, or "".
func usernameProblem(ctx context.Context, username string) string {
	username = NormalizeUsername(username)
	if err := ValidateUsername(username); err != nil {
		if errors.Is(err, ErrUsernameBlank) {
			return "Username cannot be blank."
		}
		return "Error: " + Message(err)
	}
	taken, err := lookupUsername(ctx, username)
	if err != nil {
		return "Error: " + err.Error()
	}
	if taken {
		return "Error: That username is already taken."
	}
	return ""
}

func lookupUsername(ctx context.Context, username string) (bool, error) {
	cfg, err := ConfigFrom(ctx)
	if err != nil {
		return false, err
	}
	g, err := cfg.DB(ctx)
	if err != nil {
		return false, err
	}
	return usernameTaken(g, username)
}

// defaultUsername is Django's get_default_username: the system user's
// name, lower-cased, when it is a valid username not taken yet.
func defaultUsername(ctx context.Context) string {
	cu, err := user.Current()
	if err != nil {
		return ""
	}
	name := strings.ToLower(NormalizeUsername(strings.ReplaceAll(cu.Username, " ", "")))
	if usernameProblem(ctx, name) != "" {
		return ""
	}
	return name
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
