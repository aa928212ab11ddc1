"""Scheduled jobs fanned out: one small task per organisation.

A beat job that covers every organisation is a dispatcher: it reads the ids
in one query and enqueues one task per organisation, so the work spreads
over every worker, a slow or failing organisation delays only itself, and a
retry repeats one organisation's work, not the country's. The per-organisation
tasks are idempotent (their messages carry the notifications'
de-duplication keys; syncs and summaries overwrite), so a task delivered
twice (``acks_late`` after a lost worker) does no harm.

Without a broker (the embedded default) the tasks run in-process one after
the other; one organisation's error is logged and the others still run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from . import outbox

logger = logging.getLogger(__name__)

#: What a per-organisation task retries by itself: the database or the
#: network going away for a moment, not a bug in the data.
RETRY_ON: tuple[type[BaseException], ...] = (OSError,)


def _retry_on() -> tuple[type[BaseException], ...]:
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError, *RETRY_ON)


#: Options of every per-organisation task (``@shared_task(**PER_ORGANIZATION)``).
PER_ORGANIZATION = {
    "acks_late": True,
    "autoretry_for": _retry_on(),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 3,
}


def fan_out(task, ids: Iterable[int], *args) -> int:
    """Enqueue ``task(id, *args)`` for every id; returns how many.

    Enqueued through :func:`prongsai.core.outbox.enqueue`: when the broker
    is down a task waits in the outbox instead of being lost.
    """
    count = 0
    for pk in ids:
        try:
            outbox.enqueue(task, pk, *args)
        except Exception:
            # Only eager runs get here (a broker failure goes to the outbox).
            logger.exception("%s failed for organisation %s", task.name, pk)
        count += 1
    return count
