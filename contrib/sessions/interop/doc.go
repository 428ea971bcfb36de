// Package interop proves that manouche and a real Django share sessions.
// It has no API: its tests run the Django site in testdata/djangosite next
// to a manouche site built in the test process, on one SQLite database, one
// session directory and one SECRET_KEY, and drive both with one cookie, as
// a browser would when a proxy sends some paths to Django and others to
// manouche.
//
// # What the tests show
//
// For the db, file, cached_db and signed_cookies engines, in both
// directions (Django writes and manouche reads, and the reverse):
//
//   - every JSON type survives with its exact type: unicode strings with
//     astral characters, ints (also beyond 64 bits), floats such as 1.0 and
//     1e-07, booleans, null, nested lists and objects, and a value large
//     enough to be stored compressed;
//   - a change written by one side is read by the other;
//   - set_expiry on one side gives the same get_expiry_age on the other, and
//     a session expired by one side is expired on load by the other;
//   - flush by one side ends the session for the other;
//   - cycle_key by one side keeps the data for the other under the new key
//     (signed_cookies: the old cookie stays valid, as in Django);
//   - clearsessions on either side removes the other's expired sessions and
//     only those (db, cached_db, file);
//   - a session signed with an old SECRET_KEY is read by manouche when the
//     old key is in SECRET_KEY_FALLBACKS, and Django reads it once manouche
//     has saved it again under the new key.
//
// The migration tests show that manouche's migrate on a database Django
// migrated, and Django's migrate on a database manouche migrated, neither
// fail nor create anything twice.
//
// # Running
//
// The tests need Django for /usr/bin/python3 (Debian: apt-get install
// python3-django, which is Django 3.2). Without it they skip, unless
// MANOUCHE_REQUIRE_SERVICES=1 or CI=true, where they fail:
//
//	go test -race ./contrib/sessions/interop/
//
// The Django site reads its settings from the environment (SECRET_KEY,
// DATABASE, SESSION_ENGINE, SESSION_FILE_PATH); see
// testdata/djangosite/settings.py. The tests run it with
// framework/djangotest. To try it by hand, from testdata/djangosite:
//
//	export DJANGO_SETTINGS_MODULE=settings SECRET_KEY=k DATABASE=/tmp/db.sqlite3
//	/usr/bin/python3 -m django migrate
//	/usr/bin/python3 -m django runserver 127.0.0.1:8001
package interop
