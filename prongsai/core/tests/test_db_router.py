"""Read replicas (``core.db_router``): reads go to a replica only where safe.

A second alias, ``replica1``, mirrors the test database (as
``DATABASE_REPLICA_URLS`` would add it, with ``TEST: {"MIRROR": "default"}``);
the tests check where each read and write would go.
"""

from types import SimpleNamespace

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from prongsai.core import db_router
from prongsai.core.db_router import (
    PIN_COOKIE,
    ReplicaPinMiddleware,
    ReplicaRouter,
    replica_reads,
)
from prongsai.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def replica():
    """The alias ``replica1`` (a mirror of the test database) and the router."""
    connections.settings["replica1"] = {
        **connections["default"].settings_dict,
        "TEST": {"MIRROR": DEFAULT_DB_ALIAS},
    }
    with override_settings(
        DATABASE_REPLICAS=["replica1"],
        DATABASE_ROUTERS=["prongsai.core.db_router.ReplicaRouter"],
        DATABASE_REPLICA_PIN_SECONDS=5,
    ):
        yield "replica1"
    del connections.settings["replica1"]


def _read_db() -> str:
    return Organization.objects.all().db


def _request(method="get", cookies=None, write=False):
    """Run a request through the middleware; where its reads went, and the answer."""
    seen = {}

    def view(request):
        seen["before"] = _read_db()
        if write:
            Organization.objects.filter(pk=0).update(name="x")
        seen["after"] = _read_db()
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method)("/bandong/")
    request.COOKIES.update(cookies or {})
    response = ReplicaPinMiddleware(view)(request)
    return seen, response


def test_a_read_only_request_reads_the_replica_and_sets_no_cookie():
    seen, response = _request()
    assert seen == {"before": "replica1", "after": "replica1"}
    assert PIN_COOKIE not in response.cookies


def test_a_request_that_wrote_reads_the_primary_after_and_pins_the_client():
    seen, response = _request(write=True)
    assert seen == {"before": "replica1", "after": DEFAULT_DB_ALIAS}
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 5
    assert cookie["httponly"]


def test_a_post_reads_the_primary_and_pins_the_client_for_a_few_seconds():
    seen, response = _request(method="post")
    assert seen == {"before": DEFAULT_DB_ALIAS, "after": DEFAULT_DB_ALIAS}
    assert response.cookies[PIN_COOKIE]["max-age"] == 5


def test_a_client_that_just_wrote_reads_the_primary():
    seen, _ = _request(cookies={PIN_COOKIE: "1"})
    assert seen == {"before": DEFAULT_DB_ALIAS, "after": DEFAULT_DB_ALIAS}


def test_reads_inside_a_transaction_stay_on_the_primary():
    with replica_reads(True):
        assert _read_db() == "replica1"
        with transaction.atomic():
            assert _read_db() == DEFAULT_DB_ALIAS


def test_outside_a_request_or_task_everything_reads_the_primary():
    """Commands, the shell, migrations' data steps: the primary."""
    assert _read_db() == DEFAULT_DB_ALIAS


def test_writes_and_migrations_go_to_the_primary_only():
    router = ReplicaRouter()
    with replica_reads(True):
        assert router.db_for_write(Organization) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "organizations") is True
    assert router.allow_migrate("replica1", "organizations") is False


def test_tasks_read_the_primary_unless_marked_read_only():
    plain = SimpleNamespace()
    read_only = SimpleNamespace(replica_reads=True)
    db_router.task_started(task=plain)
    assert _read_db() == DEFAULT_DB_ALIAS
    db_router.task_finished(task=plain)
    db_router.task_started(task=read_only)
    assert _read_db() == "replica1"
    Organization.objects.filter(pk=0).update(name="x")
    assert _read_db() == DEFAULT_DB_ALIAS  # after its own write
    db_router.task_finished(task=read_only)
    assert _read_db() == DEFAULT_DB_ALIAS


def test_without_replicas_every_read_is_on_the_primary():
    with override_settings(DATABASE_REPLICAS=[]), replica_reads(True):
        assert _read_db() == DEFAULT_DB_ALIAS


def test_the_settings_add_each_replica_url_as_a_mirror(monkeypatch):
    """``DATABASE_REPLICA_URLS`` becomes replica1, replica2, the router and
    the middleware (the settings module read again with the variable set)."""
    import importlib

    import config.settings.base as base

    monkeypatch.setenv(
        "DATABASE_REPLICA_URLS",
        "postgres://r@10.0.0.2:5432/prongsai,postgres://r@10.0.0.3:5432/prongsai",
    )
    try:
        fresh = importlib.reload(base)
        assert fresh.DATABASE_REPLICAS == ["replica1", "replica2"]
        assert fresh.DATABASES["replica2"]["HOST"] == "10.0.0.3"
        assert fresh.DATABASES["replica1"]["TEST"] == {"MIRROR": "default"}
        assert fresh.DATABASE_ROUTERS == ["prongsai.core.db_router.ReplicaRouter"]
        assert fresh.MIDDLEWARE[0] == "prongsai.core.db_router.ReplicaPinMiddleware"
    finally:
        monkeypatch.delenv("DATABASE_REPLICA_URLS")
        importlib.reload(base)
