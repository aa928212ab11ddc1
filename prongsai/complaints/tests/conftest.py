import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.fixture
def migration_apps():
    """The models as a data migration sees them: plain managers, so the
    migration's deliberate reads across organisations run as they do in
    ``migrate``."""
    return MigrationExecutor(connection).loader.project_state().apps


@pytest.fixture
def edge(monkeypatch):
    """LINE and Messenger answered by a stub at the network edge."""
    from prongsai.complaints.tests.test_webhooks import NetworkEdge
    from prongsai.organizations import channels

    stub = NetworkEdge()
    monkeypatch.setattr(channels, "_open", stub)
    return stub
