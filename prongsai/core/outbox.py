"""Handing background tasks to Celery without losing them to a broker outage.

Services schedule side effects with :func:`enqueue_on_commit` (or
:func:`enqueue` outside a transaction). With eager tasks (no broker: tests,
the demo) the task runs at once, as ``task.delay`` would. With a broker, a
publish that fails because the broker cannot be reached does not fail the
request: the task name and its JSON arguments are kept in the
:class:`~prongsai.core.models.OutboxTask` table and a warning is logged.
:func:`outbox_drain` (every minute from Celery beat, when a worker starts,
and ``prongsai drain_task_outbox``) sends them once the broker answers.
Tasks take ids, so sending one twice is safe.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import partial

from celery import current_app
from django.db import transaction
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError

from .models import OutboxTask

logger = logging.getLogger(__name__)

# What kombu raises when it cannot reach the broker (connection refused,
# timeouts, DNS): the connection errors are re-raised as OperationalError.
PUBLISH_ERRORS: tuple[type[BaseException], ...] = (OperationalError, OSError)

DRAIN_BATCH = 1000


def _eager(task) -> bool:
    return bool(task.app.conf.task_always_eager)


def _key(task_name: str, args: list) -> str:
    raw = task_name + "|" + json.dumps(args, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def enqueue(task, *args) -> None:
    """Send ``task(*args)`` to the workers, or keep it for later if that fails."""
    if _eager(task):
        task.delay(*args)
        return
    try:
        task.apply_async(args=args)
    except PUBLISH_ERRORS as error:
        outbox_store(task_name=task.name, args=list(args), error=error)


def enqueue_on_commit(task, *args) -> None:
    """Schedule :func:`enqueue` for when the current transaction commits."""
    transaction.on_commit(partial(enqueue, task, *args))


def outbox_store(*, task_name: str, args: list, error: BaseException) -> OutboxTask:
    """Keep a task the broker did not take (one row per task and arguments)."""
    args = json.loads(json.dumps(args))
    row, _created = OutboxTask.objects.get_or_create(
        key=_key(task_name, args),
        defaults={
            "task_name": task_name,
            "args": args,
            "last_error": type(error).__name__,
        },
    )
    # The error class only: broker messages can carry host names and passwords.
    logger.warning(
        "Broker unreachable (%s): task %s kept in the outbox to send later.",
        type(error).__name__,
        task_name,
    )
    return row


def _resolve(task_name: str):
    task = current_app.tasks.get(task_name)
    if task is None:
        try:
            task = import_string(task_name)
        except ImportError:
            return None
    return task


def outbox_drain(*, limit: int = DRAIN_BATCH) -> int:
    """Send the waiting tasks, oldest first; stop at the first broker failure.

    A row is deleted in the same transaction in which its task is sent, and
    rows another drain holds are skipped (PostgreSQL), so two drains at once
    do not send a task twice. Returns how many tasks were sent.
    """
    sent = 0
    ids = list(OutboxTask.objects.order_by("id").values_list("id", flat=True)[:limit])
    for pk in ids:
        try:
            with transaction.atomic():
                row = (
                    OutboxTask.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk)
                    .first()
                )
                if row is None:
                    continue
                task = _resolve(row.task_name)
                if task is None:
                    logger.error("Outbox: no task named %s; kept.", row.task_name)
                    _note_failure(pk, "unknown task")
                    continue
                task.apply_async(args=row.args)
                row.delete()
        except PUBLISH_ERRORS as error:
            _note_failure(pk, type(error).__name__)
            logger.warning(
                "Broker still unreachable (%s): %s task(s) wait in the outbox.",
                type(error).__name__,
                OutboxTask.objects.count(),
            )
            break
        sent += 1
    if sent:
        logger.info("Outbox: %s waiting task(s) sent.", sent)
    return sent


def _note_failure(pk: int, error: str) -> None:
    row = OutboxTask.objects.filter(pk=pk).first()
    if row is not None:
        row.attempts += 1
        row.last_error = error[:200]
        row.save(update_fields=["attempts", "last_error"])


def outbox_backlog() -> tuple[int, float | None]:
    """How many tasks wait, and the age in seconds of the oldest (or None)."""
    from django.utils import timezone

    oldest = OutboxTask.objects.order_by("created_at").values_list(
        "created_at", flat=True
    )
    first = oldest.first()
    if first is None:
        return 0, None
    return OutboxTask.objects.count(), (timezone.now() - first).total_seconds()
