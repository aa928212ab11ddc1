"""Test helpers: a cache server and a broker that cannot be reached."""

from __future__ import annotations

import socket
from contextlib import contextmanager

from django.core.cache.backends.base import BaseCache


class RaisingCache(BaseCache):
    """A cache whose server is down: every call raises ConnectionRefusedError."""

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    add = get = set = touch = delete = get_many = has_key = _down
    incr = set_many = delete_many = clear = _down


def closed_port() -> int:
    """A local TCP port nothing listens on (bound once, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def failsafe_caches(backend: str, location: str = "", **options) -> dict:
    """A CACHES setting: :class:`FailSafeCache` around ``backend``."""
    return {
        "default": {
            "BACKEND": "prongsai.core.cache.FailSafeCache",
            "LOCATION": location,
            "KEY_PREFIX": "prongsai-sec-redis-test",
            "OPTIONS": {"BACKEND": backend, **options},
        }
    }


RAISING_CACHES = failsafe_caches("prongsai.core.tests.outage.RaisingCache")


def redis_closed_caches() -> dict:
    """The production cache setting, pointing at a port nobody listens on."""
    from config.settings.base import redis_caches

    caches = redis_caches(f"redis://127.0.0.1:{closed_port()}/11")
    caches["default"]["KEY_PREFIX"] = "prongsai-sec-redis-test"
    return caches


def _reset_pools(app) -> None:
    # Drop, not close: kombu keeps the pools per broker URL and reuses them.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_broker(url: str):
    """Send tasks to the broker at ``url`` instead of running them eagerly."""
    from celery import current_app

    conf = current_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager = False
    conf.broker_url = url
    _reset_pools(current_app)
    try:
        yield
    finally:
        conf.task_always_eager, conf.broker_url = saved
        _reset_pools(current_app)


def broker_unreachable():
    return celery_broker(f"redis://127.0.0.1:{closed_port()}/11")
