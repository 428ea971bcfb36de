"""The smallest Django site: one view at /hello/ that echoes GREETING."""
import os

SECRET_KEY = "djangotest-" + os.environ.get("GREETING", "")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = []
MIDDLEWARE = []
ROOT_URLCONF = "urls"
DATABASES = {}
USE_TZ = True
