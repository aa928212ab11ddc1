"""Settings for local development and ``make demo``: embedded SQLite, no TLS."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("DJANGO_BEHIND_TLS_PROXY", "false")
os.environ.setdefault("WHITENOISE_USE_FINDERS", "true")

from .base import *

PRONGSAI_DEMO_ALLOWED = True  # `load_demo` with the published passwords
PRONGSAI_TENANCY_STRICT = True  # an unscoped tenant query raises
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "*.localhost", "[::1]", "testserver"]
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

STATIC_ROOT.mkdir(parents=True, exist_ok=True)
