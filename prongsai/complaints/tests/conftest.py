import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.fixture
def migration_apps():
    """The models as a data migration sees them: plain managers, so the
    migration's deliberate reads across organisations run as they do in
    ``migrate``."""
    return MigrationExecutor(connection).loader.project_state().apps
