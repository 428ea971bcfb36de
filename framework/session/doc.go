// Package session is Django's session object in Go: the lazy, dictionary-
// like [Session] a view reaches as framework.Request.Session, the [Store]
// interface backends implement, and the [Codec] that signs session data
// byte-compatibly with Django (django.contrib.sessions.backends.base).
//
// A Django site and a manouche site sharing SECRET_KEY and a session
// backend (the django_session table, session files, or signed cookies)
// read and write each other's sessions.
//
// # Sessions
//
// [New] builds a request's session from the key in its cookie without
// any I/O. The first data access loads it from the backend; a session that
// is never touched costs nothing. Reads mark it accessed, writes mark it
// modified, exactly as Django does, and the middleware
// (contrib/sessions) saves modified sessions when the response starts:
//
//	func visits(req *framework.Request) *framework.Response {
//		n, err := req.Session.Incr("visits", 1)
//		if err != nil {
//			return framework.ServerError(req, err)
//		}
//		return framework.Text(fmt.Sprintf("visit %d", n))
//	}
//
// Values must be JSON: strings, booleans, nil, numbers, slices, maps with
// string keys and [signing.Dict]; [Session.Set] rejects anything else.
// Values loaded from the backend come back with JSON types (int64,
// float64, []any, map[string]any); the typed getters [Session.GetString],
// [Session.GetInt], [Session.GetFloat] and [Session.GetBool] accept either
// form.
//
// # Contexts
//
// [New] keeps the request's context: the methods views call (Get, Set,
// SetExpiry, Flush, CycleKey, ...) load and write with it and take no
// context argument. The record-level methods the middleware and tools call
// ([Session.Save], [Session.Create], [Session.Load], [Session.Exists],
// [Session.DeleteRecord]) take their own.
//
// # Concurrent requests
//
// A browser sends requests of one session at once (tabs, fetch()). Each
// request loads the session, and the session remembers what the request
// changed, in order: Set, Delete, Pop, Clear, Incr and the methods built
// on them. When the store is a [ConditionalSaver], [Session.Save] writes
// only if the record still holds what the request loaded; if another
// request saved it meanwhile, Save reloads it, re-applies this request's
// changes key by key (a set overwrites, a delete deletes, Clear clears,
// Incr adds its delta to the newer value) and tries again. So two
// requests writing different keys both keep their writes, [Session.Incr]
// counts every request, and two requests setting one key end with one of
// the two values, the last saved, as in Django. Within a process, the
// saves of one session take turns; after 10 conflicts in a row (other
// processes writing the session all the time) Save writes anyway, last
// writer wins, with one warning. A store without the ability saves as
// Django does: the last writer's whole session wins.
//
// [Session.MarkModified] cannot tell which key changed: after it, a save
// that meets a conflict writes every key the request holds as it holds
// it. Sessions of a [CookieStore] (signed cookies) cannot merge at all:
// the session is the cookie, and the browser keeps the last one it gets.
//
// # Login and logout
//
// Call [Session.CycleKey] when a user logs in, so that a key planted
// before login is worthless afterwards (session fixation), and
// [Session.Flush] when they log out: it deletes the record and the
// middleware deletes the cookie.
//
// # Expiry
//
// [Session.SetExpiry] stores a custom expiry under [ExpiryKey]. It only
// ever writes integer seconds, which every Django version reads; fixed
// deadlines (time.Time, time.Duration) are converted to seconds from now.
// [Session.ExpiryAge], [Session.ExpiryDate] and
// [Session.ExpireAtBrowserClose] also read the ISO-8601 dates Django ≥ 4.1
// writes.
//
// # Failures
//
// Tampered or corrupted data reads as an empty session and logs a warning,
// as in Django. A backend error while loading does not: the session reads
// as empty but remembers the error ([Session.Err]); the middleware answers
// 500 and [Session.Save] refuses to overwrite the stored data.
//
// # Backends
//
// A [Store] keeps encoded strings by key; the backends live in
// contrib/sessions and are checked by its conformance suite
// (contrib/sessions/sessiontest). Engines whose cookie is the data
// (signed_cookies) implement [CookieStore] instead. Both plug in through
// [Config].
package session
