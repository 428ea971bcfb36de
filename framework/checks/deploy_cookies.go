package checks

import "github.com/manouche-go/manouche/framework/settings"

const (
	secureSessionCookie = " Using a secure-only session cookie makes it more difficult for network " +
		"traffic sniffers to hijack user sessions."
	httpOnlySessionCookie = " Using an HttpOnly session cookie makes it more difficult for cross-site " +
		"scripting attacks to hijack user sessions."
)

// checkCookiesSecure is security.W016 (the CSRF cookie) and the session
// cookie's W010-W015. With DEBUG off contrib.sessions reports the session
// cookie in every check run (W010, W013), so these add W010-W015 only with
// DEBUG on.
func checkCookiesSecure(s *settings.Settings) []Message {
	var msgs []Message
	if listed(s.Middleware, csrfMiddleware) && !s.CSRFUseSessions && !s.CSRFCookieSecure {
		msgs = append(msgs, warning("security.W016", "You have 'framework.csrf.CsrfViewMiddleware' in your "+
			"MIDDLEWARE, but you have not set CSRF_COOKIE_SECURE to True. Using a secure-only CSRF cookie makes it "+
			"more difficult for network traffic sniffers to steal the CSRF token.",
			"Set CSRF_COOKIE_SECURE: true when the site is served over HTTPS.")...)
	}
	if !s.Debug {
		return msgs
	}
	if !s.SessionCookieSecure {
		msgs = append(msgs, sessionCookieMessage(s, "SESSION_COOKIE_SECURE", [3]string{"W010", "W011", "W012"}, secureSessionCookie)...)
	}
	if !s.SessionCookieHTTPOnly {
		msgs = append(msgs, sessionCookieMessage(s, "SESSION_COOKIE_HTTPONLY", [3]string{"W013", "W014", "W015"}, httpOnlySessionCookie)...)
	}
	return msgs
}

// sessionCookieMessage is Django's check_session_cookie_secure and
// _httponly: one ID when the app is installed, another when the
// middleware is listed, a third when both are.
func sessionCookieMessage(s *settings.Settings, setting string, ids [3]string, why string) []Message {
	app, mw := listed(s.InstalledApps, sessionApp), listed(s.Middleware, sessionMiddleware)
	hint := "Set " + setting + ": true."
	switch {
	case app && mw:
		return warning("security."+ids[2], setting+" is not set to True."+why, hint)
	case app:
		return warning("security."+ids[0], "You have 'contrib.sessions' in your INSTALLED_APPS, but you have not set "+
			setting+" to True."+why, hint)
	case mw:
		return warning("security."+ids[1], "You have 'contrib.sessions.SessionMiddleware' in your MIDDLEWARE, but you "+
			"have not set "+setting+" to True."+why, hint)
	}
	return nil
}
