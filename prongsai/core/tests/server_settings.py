"""The test settings for a real server started by a test (gunicorn), with
the schema built from the models (``migrate --run-syncdb``)."""

from config.settings.test import *  # noqa: F403
from prongsai.core.tests.no_migrations import NoMigrations

MIGRATION_MODULES = NoMigrations()
