"""Reads on PostgreSQL read replicas, only where that is safe.

``DATABASE_REPLICA_URLS`` (settings) adds the aliases ``replica1``,
``replica2``, ... and installs :class:`ReplicaRouter`. The primary
(``default``) stays the answer unless every one of these holds:

- the work is a web request with a read-only method (GET, HEAD, OPTIONS),
  or a Celery task marked ``replica_reads=True``
  (``@shared_task(replica_reads=True)``); management commands, the shell,
  migrations and every other task read the primary;
- the same request or task has not written yet (the first write pins the
  rest of it to the primary) and no transaction is open on the primary;
- the client has not written in the last ``DATABASE_REPLICA_PIN_SECONDS``
  (a POST, or any request that wrote, sets the cookie ``prongsai_primary``
  for that long), so a member sees their own change on the next page.

Writes and migrations go to the primary only. The replicas are chosen at
random per read. Without replicas the router is not installed at all.

Written for this project after looking at django-multidb-router (Mozilla):
its ``PinningReplicaRouter`` sends reads to replicas everywhere by default
(commands, tasks) and does not pin after a write made in a GET request;
here a replica is used only where it is known to be safe.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "prongsai_primary"
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Whether this request or task may read from a replica at all.
_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)
#: Whether it has written (then it reads the primary until it ends).
_wrote: ContextVar[bool] = ContextVar("wrote", default=False)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def pin_seconds() -> int:
    return int(getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", 5))


def reads_may_use_replica() -> bool:
    """Whether a read made now may go to a replica (see the module's rules)."""
    if not _replica_allowed.get() or _wrote.get():
        return False
    return not _in_transaction(connections[DEFAULT_DB_ALIAS])


def _in_transaction(connection) -> bool:
    """A transaction of the code is open on the primary (its reads must see
    its own uncommitted rows); the test case's own wrapping does not count."""
    if not connection.in_atomic_block:
        return False
    blocks = getattr(connection, "atomic_blocks", None)
    if not blocks:
        return True
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


@contextmanager
def replica_reads(allowed: bool):
    """Run a block as one unit of work whose reads may (or may not) use a
    replica; whether it wrote is forgotten when it ends."""
    allowed_token = _replica_allowed.set(allowed)
    wrote_token = _wrote.set(False)
    try:
        yield
    finally:
        _replica_allowed.reset(allowed_token)
        _wrote.reset(wrote_token)


def wrote() -> bool:
    return _wrote.get()


class ReplicaRouter:
    """Writes and migrations on the primary; reads on a replica when safe."""

    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if replicas and reads_may_use_replica():
            return random.choice(replicas)  # noqa: S311  (load spreading)
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        """The replicas hold the primary's rows: relations between them are fine."""
        databases = {DEFAULT_DB_ALIAS, *replica_aliases()}
        return obj1._state.db in databases and obj2._state.db in databases

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaPinMiddleware:
    """Marks each request as safe for replica reads or not, and pins a client
    that has just written to the primary for a few seconds (a cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = (
            request.method in READ_ONLY_METHODS and PIN_COOKIE not in request.COOKIES
        )
        with replica_reads(allowed):
            response = self.get_response(request)
            if request.method not in READ_ONLY_METHODS or wrote():
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=pin_seconds(),
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Lax",
                )
        return response


def task_started(sender=None, task=None, **kwargs) -> None:
    """Celery ``task_prerun``: replica reads only for tasks marked read-only."""
    task = task or sender
    allowed = bool(getattr(task, "replica_reads", False))
    _replica_allowed.set(allowed)
    _wrote.set(False)


def task_finished(sender=None, task=None, **kwargs) -> None:
    """Celery ``task_postrun``: back to the primary for whatever comes next."""
    _replica_allowed.set(False)
    _wrote.set(False)
