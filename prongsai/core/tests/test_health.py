"""/healthz reports each dependency; 503 only when the database is down."""

import datetime
import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone

from prongsai.core import cache as cache_module
from prongsai.core import health
from prongsai.core.models import OutboxTask
from prongsai.core.tests.outage import (
    RAISING_CACHES,
    broker_unreachable,
    celery_broker,
    failsafe_caches,
    redis_closed_caches,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_outage_state():
    cache_module._outages.clear()
    yield
    cache_module._outages.clear()


def _get(client):
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 5
    assert response["Cache-Control"].startswith("max-age=0")
    return response.status_code, response.json()


def test_failing_cache_is_degraded_not_down(client):
    with override_settings(CACHES=RAISING_CACHES):
        status, body = _get(client)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": "ok", "cache": "fail", "outbox": "ok"}


def test_redis_on_a_closed_port_is_reported(client):
    with override_settings(CACHES=redis_closed_caches()):
        status, body = _get(client)
    assert (status, body["checks"]["cache"]) == (200, "fail")


def test_cache_coming_back_is_reported_at_once(client):
    """The probe does not wait for the fail-safe cache's retry pause."""
    caches = failsafe_caches("django.core.cache.backends.locmem.LocMemCache", "hz")
    with override_settings(CACHES=caches):
        from django.core.cache import cache

        cache._failed(ConnectionRefusedError())
        assert cache.get("x", "skipped") == "skipped"
        _status, body = _get(client)
    assert body["checks"]["cache"] == "ok"


def test_unreachable_broker_is_reported(client):
    with broker_unreachable():
        status, body = _get(client)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["checks"]["broker"] == "fail"


def test_outbox_backlog_is_counted_and_old_rows_fail(client):
    OutboxTask.objects.create(key="a", task_name="t", args=[1])
    _status, body = _get(client)
    assert (body["status"], body["outbox_backlog"]) == ("ok", 1)
    OutboxTask.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    _status, body = _get(client)
    assert body["checks"]["outbox"] == "fail"
    assert body["status"] == "degraded"


def test_database_down_is_503(client):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("connection refused")
    with mock.patch.object(health, "connection", broken):
        status, body = _get(client)
    assert status == 503
    assert body["status"] == "fail"
    assert body["checks"]["database"] == "fail"
    assert body["outbox_backlog"] is None


@pytest.mark.redis
def test_real_redis_cache_and_broker_are_ok(client, redis_available):
    """Against a running Redis (db 11): every check passes."""
    url = "redis://127.0.0.1:6379/11"
    from config.settings.base import redis_caches

    caches = redis_caches(url)
    caches["default"]["KEY_PREFIX"] = "prongsai-sec-redis-test"
    with override_settings(CACHES=caches), celery_broker(url):
        from django.core.cache import cache

        try:
            status, body = _get(client)
        finally:
            cache._inner.delete_pattern("*")
    assert status == 200
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "outbox": "ok"},
        "outbox_backlog": 0,
    }
