"""Settings of the Django test site that shares CSRF tokens and messages
with manouche: Django's default middleware for both, on one session
database.

Everything that differs between runs comes from the environment:

    SECRET_KEY         the signing key (required)
    DATABASE           the SQLite file shared with manouche (required)
    CSRF_USE_SESSIONS  "1" to keep the CSRF secret in the session
    MESSAGE_STORAGE    cookie, session or fallback
"""
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["django.contrib.sessions", "django.contrib.messages"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"context_processors": ["django.contrib.messages.context_processors.messages"]},
}]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["DATABASE"]}}
USE_TZ = True
TIME_ZONE = "UTC"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"

CSRF_USE_SESSIONS = os.environ.get("CSRF_USE_SESSIONS") == "1"
MESSAGE_STORAGE = "django.contrib.messages.storage.%s" % {
    "cookie": "cookie.CookieStorage",
    "session": "session.SessionStorage",
    "fallback": "fallback.FallbackStorage",
}[os.environ.get("MESSAGE_STORAGE") or "fallback"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR"},
        "django.security": {"handlers": ["stderr"], "level": "WARNING"},
    },
}
