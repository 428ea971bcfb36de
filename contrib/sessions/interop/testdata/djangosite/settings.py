"""Settings of the Django test site that shares sessions with manouche.

Everything that differs between runs comes from the environment:

    SECRET_KEY            the signing key (required)
    SECRET_KEY_FALLBACKS  a JSON list of previous keys (read by Django 4.1+ only)
    DATABASE              the SQLite file shared with manouche (required)
    SESSION_ENGINE        db, file, cached_db, signed_cookies (or a dotted path)
    SESSION_FILE_PATH     the directory of the file engine
"""
import json
import os

SECRET_KEY = os.environ["SECRET_KEY"]
SECRET_KEY_FALLBACKS = json.loads(os.environ.get("SECRET_KEY_FALLBACKS") or "[]")

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["DATABASE"],
    }
}

# manouche writes expire_date as UTC text; Django must do the same.
USE_TZ = True
TIME_ZONE = "UTC"

_engine = os.environ.get("SESSION_ENGINE") or "db"
SESSION_ENGINE = _engine if "." in _engine else "django.contrib.sessions.backends." + _engine
SESSION_FILE_PATH = os.environ.get("SESSION_FILE_PATH") or None
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"

# Django's cache holds pickled dicts that manouche cannot share, so cached_db
# shares only the database: with a dummy cache for sessions every read goes
# to the table and sees manouche's writes at once (spec section 6.3).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "sessions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
SESSION_CACHE_ALIAS = "sessions"

# Errors and "Session data corrupted" warnings go to stderr, which the Go
# tests print when they fail.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR"},
        "django.security": {"handlers": ["stderr"], "level": "WARNING"},
    },
}
