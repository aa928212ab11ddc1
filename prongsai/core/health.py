"""Checks of the services the site depends on, for ``/healthz``.

Each check answers ``"ok"`` or ``"fail"`` within about a second: the cache
and broker clients use one-second connection timeouts. Only the database is
needed to serve pages; without the cache or the broker the site is
``degraded`` (see :mod:`prongsai.core.cache` and :mod:`prongsai.core.outbox`).
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

OK = "ok"
DEGRADED = "degraded"
FAIL = "fail"

# The outbox is drained every minute: older rows mean nobody is draining.
OUTBOX_STALE_SECONDS = 10 * 60


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Health check: database failed (%s).", type(error).__name__)
        return FAIL
    return OK


def check_cache() -> str:
    ping = getattr(cache, "ping", None)
    if callable(ping):
        return OK if ping() else FAIL
    key, token = "healthz:cache-probe", str(time.time())
    try:
        cache.set(key, token, 10)
        return OK if cache.get(key) == token else FAIL
    except Exception as error:  # any backend, any failure: report, don't raise
        logger.warning("Health check: cache failed (%s).", type(error).__name__)
        return FAIL


def broker_configured() -> bool:
    from celery import current_app

    conf = current_app.conf
    return not conf.task_always_eager and not str(conf.broker_url or "").startswith(
        "memory://"
    )


def check_broker() -> str:
    from celery import current_app

    try:
        with current_app.connection_for_write(connect_timeout=1) as conn:
            conn.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=1
            )
    except Exception as error:  # kombu wraps most, not all, transport errors
        logger.warning("Health check: broker failed (%s).", type(error).__name__)
        return FAIL
    return OK


def health_report() -> dict:
    """``{"status": ..., "checks": {...}, "outbox_backlog": n}``."""
    from .outbox import outbox_backlog

    checks = {"database": check_database(), "cache": check_cache()}
    if broker_configured():
        checks["broker"] = check_broker()
    backlog = None
    if checks["database"] == OK:
        try:
            backlog, age = outbox_backlog()
        except DatabaseError:  # e.g. the migration has not run yet
            checks["outbox"] = FAIL
        else:
            stale = age is not None and age > OUTBOX_STALE_SECONDS
            checks["outbox"] = FAIL if stale else OK
    if checks["database"] != OK:
        status = FAIL
    elif all(value == OK for value in checks.values()):
        status = OK
    else:
        status = DEGRADED
    return {"status": status, "checks": checks, "outbox_backlog": backlog}
