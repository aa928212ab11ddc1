"""Data migration: each service's queue counter moves into core.Sequence."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from prongsai.core.testing import migration_targets

BEFORE = migration_targets(
    ("eservices", "0007_move_attachments_to_private_storage"),
    ("core", "0004_running_numbers"),
)
AFTER = [("eservices", "0008_queue_numbers_in_core")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def _back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_queue_counters_move_into_core(_back_to_latest):
    old = _migrate(BEFORE)
    Organization = old.get_model("organizations", "Organization")
    Service = old.get_model("eservices", "Service")
    organization = Organization.objects.create(
        slug="migrate", name="อบต.ทดสอบ", kind="sao", dla_code="6900098"
    )
    fields = {"organization": organization, "name": "ไฟฟ้า", "time_limit_days": 7}
    used = Service.objects.create(code="light", last_sequence=41, **fields)
    unused = Service.objects.create(code="tree", last_sequence=0, **fields)
    new = _migrate(AFTER)
    Sequence = new.get_model("core", "Sequence")
    assert list(Sequence.objects.values_list("name", "fiscal_year", "last_value")) == [
        (f"eservices.request.{used.pk}", 0, 41)
    ]
    assert not Sequence.objects.filter(name=f"eservices.request.{unused.pk}").exists()
