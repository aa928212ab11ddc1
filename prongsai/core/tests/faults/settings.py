"""Production settings (``config.settings.base``) for the fault tests' servers.

Everything else comes from the environment the harness gives gunicorn and
the Celery worker (private PostgreSQL and Redis, a mail directory). Static
files are served from the finders: the tests do not run ``collectstatic``.
"""

import os

from config.settings.base import *  # noqa: F403
from prongsai.core.tests.no_migrations import NoMigrations

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# The schema straight from the models (``migrate --run-syncdb``), in seconds
# instead of the two minutes the migrations take: the migrations' own
# correctness is tested elsewhere, these tests need the tables.


MIGRATION_MODULES = NoMigrations()

# One file per message, where the test reads them.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["PRONGSAI_FAULTS_MAIL_DIR"]
