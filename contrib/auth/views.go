package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/manouche-go/manouche/contrib/auth/hashers"
	"github.com/manouche-go/manouche/contrib/auth/validation"
	"github.com/manouche-go/manouche/framework"
)

// The messages of the forms, Django's.
const (
	msgRequired      = "This field is required."
	msgInvalidLogin  = "Please enter a correct username and password. Note that both fields may be case-sensitive."
	msgOldPassword   = "Your old password was entered incorrectly. Please enter it again."
	msgMismatch      = "The two password fields didn’t match."
	msgTooLongFormat = "Ensure this value has at most %d characters (it has %d)."
)

// Form is a submitted form as the registration templates see it: the
// values to show again (never a password) and the errors of each field,
// "" naming the form as a whole:
//
//	<< range .Form.Errors "" >><p class="error"><< . >></p><< end >>
//	<input name="username" value="<< .Form.Value "username" >>">
type Form struct {
	values map[string]string
	errors map[string][]string
}

func newForm() *Form { return &Form{values: map[string]string{}, errors: map[string][]string{}} }

// Value returns the submitted value of field to show again.
func (f *Form) Value(field string) string { return f.values[field] }

// Errors returns the messages of field, or of the whole form for "".
func (f *Form) Errors(field string) []string { return f.errors[field] }

// Valid reports whether the form has no error.
func (f *Form) Valid() bool { return len(f.errors) == 0 }

func (f *Form) addError(field, msg string) { f.errors[field] = append(f.errors[field], msg) }

// required reads a posted field, recording "This field is required." when
// it is empty.
func (f *Form) required(req *framework.Request, field string) string {
	v := req.POST.Get(field)
	if v == "" {
		f.addError(field, msgRequired)
	}
	return v
}

// LoginView is Django's LoginView: GET shows registration/login.html, POST
// checks the username and password ([Authenticate]) and, when they are
// right, logs the user in ([Login]) and redirects to the "next" page if it
// is a safe, same-host URL ([URLHasAllowedHostAndScheme]), else to
// LOGIN_REDIRECT_URL. Wrong credentials show the form again with Django's
// message, whatever was wrong (unknown user, wrong password, inactive
// account). The template gets Form and Next.
func LoginView(req *framework.Request) *framework.Response {
	if _, err := stateOf(req); err != nil {
		return framework.ServerError(req, err)
	}
	next := safeNext(req)
	f := newForm()
	switch req.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		username, password := f.required(req, "username"), f.required(req, "password")
		if n := utf8.RuneCountInString(username); n > MaxUsernameLength {
			f.addError("username", fmt.Sprintf(msgTooLongFormat, MaxUsernameLength, n))
		}
		f.values["username"] = username
		if resp := login(req, f, username, password, next); resp != nil {
			return resp
		}
	default:
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead, http.MethodPost)
	}
	return framework.Render(req, "registration/login.html", map[string]any{"Form": f, "Next": next})
}

// login authenticates a valid form's credentials and logs the user in,
// returning the redirect; nil means the form must be shown again.
func login(req *framework.Request, f *Form, username, password, next string) *framework.Response {
	if !f.Valid() {
		return nil
	}
	u, err := Authenticate(req, username, password)
	if err != nil {
		return framework.ServerError(req, err)
	}
	if u == nil {
		f.addError("", msgInvalidLogin)
		return nil
	}
	if err := Login(req, u); err != nil {
		return framework.ServerError(req, err)
	}
	if next == "" {
		cfg, _ := ConfigFrom(req.HTTP.Context())
		next = resolveURL(req, cfg.redirect)
	}
	return framework.Redirect(next)
}

// safeNext returns the "next" parameter of the POST, else of the query,
// when it is safe to redirect to (same host, http or https), else "".
func safeNext(req *framework.Request) string {
	next := req.POST.Get(RedirectFieldName)
	if next == "" {
		next = req.GET.Get(RedirectFieldName)
	}
	if !URLHasAllowedHostAndScheme(next, []string{req.HTTP.Host}, req.HTTP.TLS != nil) {
		return ""
	}
	return next
}

// resolveURL is Django's resolve_url for a setting: a name without "/" or
// "." that a URL pattern has is reversed; anything else is a URL.
func resolveURL(req *framework.Request, to string) string {
	if !strings.ContainsAny(to, "/.") {
		if p, err := framework.Reverse(req, to); err == nil {
			return p
		}
	}
	return to
}

// LogoutView is Django 5's LogoutView: POST only (GET answers 405), it
// logs out ([Logout]) and redirects to the safe "next" page, else to
// LOGOUT_REDIRECT_URL, else shows registration/logged_out.html.
func LogoutView(req *framework.Request) *framework.Response {
	if req.Method != http.MethodPost {
		return framework.MethodNotAllowed(req, http.MethodPost)
	}
	cfg, err := ConfigFrom(req.HTTP.Context())
	if err != nil {
		return framework.ServerError(req, err)
	}
	if err := Logout(req); err != nil {
		return framework.ServerError(req, err)
	}
	if next := safeNext(req); next != "" {
		return framework.Redirect(next)
	}
	if cfg.logoutURL != "" {
		return framework.Redirect(resolveURL(req, cfg.logoutURL))
	}
	return framework.Render(req, "registration/logged_out.html", map[string]any{"LoginURL": resolveURL(req, cfg.loginURL)})
}

// PasswordChangeView is Django's PasswordChangeView, for logged-in users
// ([LoginRequired]): GET shows registration/password_change_form.html
// (Form, HelpTexts), POST checks old_password, that new_password1 and
// new_password2 match and pass AUTH_PASSWORD_VALIDATORS, then saves the
// new password, keeps this session logged in ([UpdateSessionAuthHash]) and
// redirects to the URL named "password_change_done", or shows
// registration/password_change_done.html when no pattern has that name.
// The user's other sessions end: their hash no longer matches.
func PasswordChangeView(req *framework.Request) *framework.Response {
	return LoginRequired(passwordChange)(req)
}

// PasswordChangeDoneView shows registration/password_change_done.html to
// logged-in users (Django's PasswordChangeDoneView).
func PasswordChangeDoneView(req *framework.Request) *framework.Response {
	return LoginRequired(func(req *framework.Request) *framework.Response {
		return framework.Render(req, "registration/password_change_done.html", nil)
	})(req)
}

func passwordChange(req *framework.Request) *framework.Response {
	u, err := GetUser(req)
	if err != nil {
		return framework.ServerError(req, err)
	}
	if u == nil {
		return redirectToLogin(req)
	}
	cfg, _ := ConfigFrom(req.HTTP.Context())
	f := newForm()
	switch req.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		if resp := changePassword(req, cfg, u, f); resp != nil {
			return resp
		}
	default:
		return framework.MethodNotAllowed(req, http.MethodGet, http.MethodHead, http.MethodPost)
	}
	return framework.Render(req, "registration/password_change_form.html",
		map[string]any{"Form": f, "HelpTexts": cfg.validators.HelpTexts()})
}

// changePassword validates a posted password change and applies it; nil
// means the form must be shown again.
func changePassword(req *framework.Request, cfg *Config, u *User, f *Form) *framework.Response {
	old, p1, p2 := f.required(req, "old_password"), f.required(req, "new_password1"), f.required(req, "new_password2")
	if old != "" {
		if ok, _ := cfg.hashers.Check(old, u.Password); !ok {
			f.addError("old_password", msgOldPassword)
		}
	}
	switch {
	case p1 == "" || p2 == "":
	case p1 != p2:
		f.addError("new_password2", msgMismatch)
	case len(p1) > hashers.MaxPasswordLength:
		f.addError("new_password1", fmt.Sprintf("This password is too long. It must contain at most %d bytes.", hashers.MaxPasswordLength))
	default:
		var ve *validation.Error
		if errors.As(cfg.validators.Validate(p2, u.attributes()), &ve) {
			for _, m := range ve.Messages {
				f.addError("new_password2", m)
			}
		}
	}
	if !f.Valid() {
		return nil
	}
	ctx := req.HTTP.Context()
	if err := SetPassword(ctx, u, p1); err != nil {
		return framework.ServerError(req, err)
	}
	if err := UpdateSessionAuthHash(req, u); err != nil {
		return framework.ServerError(req, err)
	}
	if done, err := framework.Reverse(req, "password_change_done"); err == nil {
		return framework.Redirect(done)
	}
	return framework.Render(req, "registration/password_change_done.html", nil)
}
