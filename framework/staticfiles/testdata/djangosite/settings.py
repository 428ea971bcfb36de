"""A Django site collecting STATICFILES_DIRS (os.pathsep-separated) into
STATIC_ROOT with ManifestStaticFilesStorage: the peer of the staticfiles
interop test."""
import os

SECRET_KEY = "staticfiles-interop-test"
DEBUG = False
INSTALLED_APPS = ["django.contrib.staticfiles"]
STATIC_URL = "/static/"
STATIC_ROOT = os.environ["STATIC_ROOT"]
STATICFILES_DIRS = [d for d in os.environ.get("STATICFILES_DIRS", "").split(os.pathsep) if d]
STATICFILES_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
USE_TZ = True
