// Package filestore is Django's file session engine,
// django.contrib.sessions.backends.file: one file per session, named
// SESSION_COOKIE_NAME followed by the session key, in SESSION_FILE_PATH
// (default: the OS temporary directory), holding exactly the encoded
// session string with no trailing newline, mode 0600.
//
// Settings: SESSION_FILE_PATH ([Options.Dir]), SESSION_COOKIE_NAME
// ([Options.Prefix]) and SESSION_COOKIE_AGE ([Options.CookieAge]).
//
// Keys are checked before any path is built: only [a-z0-9] keys (at most
// 128 characters) name a file, so "../x", "a/b" or upper case never reach
// the file system (Django's InvalidSessionKey). Such a key loads and saves
// as [session.ErrNotFound], deletes as a no-op, and fails Create with
// [ErrInvalidKey].
//
// Writes are atomic: the data goes to a temporary file "<name>_out_<random>"
// in the same directory, which is then renamed over the session file, so
// readers see the old or the new data, never a torn file. Create claims
// the name with O_CREATE|O_EXCL first, so exactly one of concurrent
// creators wins. As in Django, Save checks that the file exists before
// renaming, so a Delete landing in between is undone. Files are not
// synced to disk.
//
// Expiry follows Django: a file's deadline is the session's
// _session_expiry when that is a date or a negative number (read by
// session.ReadExpiry, naive dates in [Options.Location]), else its
// modification time plus SESSION_COOKIE_AGE (zero seconds when the setting
// is 0); less than a whole second left counts as expired, and loading an
// expired file deletes it. The store sets each file's modification time to
// the expiry it is given minus SESSION_COOKIE_AGE, so Django and Go agree
// on when it expires. Unlike Django, a positive _session_expiry follows
// the modification-time rule too, so such files do not live for ever.
package filestore
