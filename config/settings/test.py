"""Settings for the test suite: fast hashing, in-memory mail, eager tasks."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("DJANGO_BEHIND_TLS_PROXY", "false")
os.environ["DJANGO_READ_DOT_ENV_FILE"] = "false"
# The test database is chosen by TEST_DATABASE_URL so that a developer's
# DATABASE_URL never points the suite at real data.
os.environ["DATABASE_URL"] = os.environ.get(
    "TEST_DATABASE_URL", "sqlite:///test-db.sqlite3"
)
os.environ["CELERY_BROKER_URL"] = ""  # eager tasks
os.environ["REDIS_URL"] = ""

from .base import *

DEBUG = False
PRONGSAI_DEMO_ALLOWED = True  # `load_demo` with the published passwords
PRONGSAI_TENANCY_STRICT = True  # an unscoped tenant query raises
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
CELERY_TASK_ALWAYS_EAGER = True
AXES_ENABLED = True
# allauth's limits as deployed, for the tests that turn them back on.
PRODUCTION_ACCOUNT_RATE_LIMITS = ACCOUNT_RATE_LIMITS
ACCOUNT_RATE_LIMITS = False

STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Tests build records with factories (no audit event, so no cache invalidation):
# public pages are rendered fresh unless a test turns the page cache on.
PUBLIC_PAGE_CACHE_SECONDS = 0
