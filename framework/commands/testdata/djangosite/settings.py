"""A Django site with only django.contrib.sessions, on the SQLite database
that DATABASE names: the peer of the migration interop test."""
import os

SECRET_KEY = "commands-interop-test"
INSTALLED_APPS = ["django.contrib.sessions"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["DATABASE"]}}
USE_TZ = True
