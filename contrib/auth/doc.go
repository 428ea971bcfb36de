// Package auth is django.contrib.auth for manouche: Django's users,
// groups and permissions in Django's tables, logins in Django's session
// keys, and Django's password hashes, so that a manouche service and a
// Django site sharing the django_session table and SECRET_KEY share one
// login.
//
// # Installing
//
//	import (
//		_ "github.com/manouche-go/manouche/contrib/auth"
//		_ "github.com/manouche-go/manouche/contrib/contenttypes"
//	)
//
//	INSTALLED_APPS: [contrib.contenttypes, contrib.auth, contrib.sessions, ...]   # or django.contrib.*
//	MIDDLEWARE:
//	  - contrib.sessions.SessionMiddleware
//	  - contrib.auth.AuthenticationMiddleware   # after the session middleware
//
// The app registers Django's migrations auth.0001_initial to
// auth.0012_alter_user_first_name_max_length (replaying the DDL Django's
// own migrate runs, so that either side may migrate first), manouche's own
// user→sessions index (a table Django never touches, recorded as
// auth.manouche_0001_user_session_index), the default permissions of every
// installed model after each migrate, [Middleware], the commands
// createsuperuser, changepassword and logout_user, the system checks and
// the default templates registration/login.html, logged_out.html,
// password_change_form.html and password_change_done.html (which extend
// the project's base.html, filling its "title" and "content" blocks; a
// project overrides any of them in its templates/registration/).
//
// # The user of a request
//
// framework imports nothing of contrib, so the user reaches views through
// a small hook of framework's: the interface framework.User and a lazily
// loaded framework.LazyUser that [Middleware] puts in every request's
// context. Views read it as req.User:
//
//	func home(req *framework.Request) *framework.Response {
//		if !req.User.IsAuthenticated() {
//			return framework.Text("Hello, stranger")
//		}
//		return framework.Text("Hello, " + req.User.GetUsername())
//	}
//
// and templates as .Request.User, the loaded *User itself (or a
// framework.AnonymousUser), so that every field prints:
// `<< .Request.User.Username >>`, `<< if .Request.User.IsAuthenticated >>`.
// A view that needs the record asks [GetUser]. The user is read on first
// use: one query by primary key, then the session hash is compared in
// constant time with the current SECRET_KEY (then Django 3.2's SHA-1 form,
// then SECRET_KEY_FALLBACKS, whose match is re-signed with the current
// key); a mismatch flushes the session, as Django does. A session whose
// _auth_user_id is not a number is anonymous (Django 3.2 answers 500).
//
// # Logging in and out
//
// The functions follow Django's: [Authenticate] over
// AUTHENTICATION_BACKENDS (the [ModelBackend] refuses inactive users, and
// an unknown username costs one hasher run, like a wrong password),
// [Login] (cycles the session key, or flushes a session of another user;
// writes _auth_user_id, _auth_user_backend and _auth_user_hash in Django's
// order), [Logout], [UpdateSessionAuthHash] after a password change. The
// views [LoginView], [LogoutView] (POST only, as in Django 5),
// [PasswordChangeView] and [PasswordChangeDoneView] are Django's, and
// [LoginRequired] and [PermissionRequired] wrap views as Django's
// decorators do. The settings are Django's: LOGIN_URL, LOGIN_REDIRECT_URL,
// LOGOUT_REDIRECT_URL, AUTHENTICATION_BACKENDS, PASSWORD_HASHERS,
// AUTH_PASSWORD_VALIDATORS, plus PBKDF2_ITERATIONS.
//
// # Sharing the user table with Django
//
// Set PBKDF2_ITERATIONS to the Django side's count (260000 for Django
// 3.2; manouche's default is Django 5.2's 1000000). Django re-hashes a
// password at login whenever the count differs, in either direction, and a
// re-hash changes the session hash, which ends the user's other sessions:
// two sides with different counts would log each other's users out.
//
// # Logging out everywhere
//
// [LogoutEverywhere] ends every session of a user on the db, cached_db,
// cache and file engines, which Django cannot do: logins and the
// middleware keep a user→sessions index in DATABASES.default, shared by
// every server, so no session is scanned; the logout_user command does the
// same from a shell. Sessions in signed cookies cannot be recalled
// ([ErrNotRecallable]); changing the user's password ends them, since
// their session hash no longer matches.
package auth
