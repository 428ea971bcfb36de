"""Settings of the Django test site that shares users and logins with
manouche.

Everything that differs between runs comes from the environment:

    SECRET_KEY        the signing key (required)
    DATABASE          a SQLite file, or a postgres:// or mysql:// URL (required);
                      a postgres URL's search_path query parameter selects the schema
    SESSION_ENGINE    db, file, cached_db, signed_cookies (or a dotted path)
    SESSION_FILE_PATH the directory of the file engine
"""
import os
from urllib.parse import parse_qs, urlparse

SECRET_KEY = os.environ["SECRET_KEY"]

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "urls"


def _database(url):
    u = urlparse(url)
    if u.scheme not in ("postgres", "postgresql", "mysql"):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": url}
    db = {
        "NAME": u.path.lstrip("/"),
        "USER": u.username or "",
        "PASSWORD": u.password or "",
        "HOST": u.hostname or "",
        "PORT": str(u.port or ""),
    }
    if u.scheme == "mysql":
        return dict(db, ENGINE="django.db.backends.mysql")
    query = parse_qs(u.query)
    options = {"options": "-c search_path=" + query["search_path"][0]} if "search_path" in query else {}
    return dict(db, ENGINE="django.db.backends.postgresql", OPTIONS=options)


DATABASES = {"default": _database(os.environ["DATABASE"])}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# manouche writes datetimes as UTC text; Django must do the same.
USE_TZ = True
TIME_ZONE = "UTC"

_engine = os.environ.get("SESSION_ENGINE") or "db"
SESSION_ENGINE = _engine if "." in _engine else "django.contrib.sessions.backends." + _engine
SESSION_FILE_PATH = os.environ.get("SESSION_FILE_PATH") or None

# cached_db shares only the database: a dummy cache makes every read go to
# the table, which manouche writes too.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "sessions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
SESSION_CACHE_ALIAS = "sessions"

# PASSWORD_HASHERS is Django 3.2's default: pbkdf2_sha256 at 260000
# iterations first, which manouche's PBKDF2_ITERATIONS matches.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
