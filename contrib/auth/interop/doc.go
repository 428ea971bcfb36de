// Package interop proves that manouche's contrib/auth and a real Django
// share users and logins. It has no API: its tests run the Django site in
// testdata/djangosite next to a manouche site built in the test process,
// on one database, one session directory and one SECRET_KEY, and drive
// both with one session cookie, as a browser does when a proxy sends some
// paths to Django and others to manouche.
//
// # What the tests show
//
// For the db, file, cached_db and signed_cookies engines, in both
// directions:
//
//   - a user made by one side's createsuperuser logs in on the other;
//   - a login on one side is the request's user on the other, with the
//     same cookie;
//   - a logout on either side logs out both;
//   - a password change on either side ends the user's other sessions on
//     both sides, and keeps the changing one;
//   - with PBKDF2_ITERATIONS at Django 3.2's 260000, no login re-hashes a
//     password the other side made.
//
// The migration tests migrate SQLite, PostgreSQL and MySQL/MariaDB
// databases with manouche then Django, and with Django then manouche, each
// twice: the second side finds nothing to apply (manouche only adds its own
// user→sessions index table), and both orders leave the same catalog,
// content types and permissions. The hasher tests check that Django's
// argon2 and bcrypt_sha256 hashers and manouche's verify each other's
// values.
//
// # Running
//
// The tests need Django for /usr/bin/python3 (Debian: python3-django,
// Django 3.2) and, for the argon2, bcrypt and server tests,
// python3-argon2, python3-bcrypt, python3-psycopg2 and python3-mysqldb.
// Without Django they skip, unless MANOUCHE_REQUIRE_SERVICES=1 or CI=true,
// where they fail:
//
//	go test -race ./contrib/auth/interop/
package interop
