"""Tasks the broker could not take wait in the outbox and are sent later."""

import logging
import time

import pytest
from celery import shared_task
from django.core.management import CommandError, call_command

from prongsai.core import outbox
from prongsai.core.models import OutboxTask
from prongsai.core.tests.outage import broker_unreachable

pytestmark = pytest.mark.django_db

RUNS: list = []


@shared_task(name="prongsai.core.tests.test_outbox.record")
def record(*args):
    RUNS.append(args)


@pytest.fixture(autouse=True)
def _no_runs():
    RUNS.clear()


def test_eager_tasks_run_at_once_and_keep_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue_on_commit(record, 1, "a")
        assert RUNS == []  # only after the commit
    assert RUNS == [(1, "a")]
    assert OutboxTask.objects.count() == 0


def test_broker_down_keeps_the_task_and_logs(
    caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.WARNING)
    started = time.monotonic()
    with broker_unreachable(), django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue_on_commit(record, 7, "x")
    assert time.monotonic() - started < 5  # publishing gives up quickly
    row = OutboxTask.objects.get()
    assert (row.task_name, row.args) == (record.name, [7, "x"])
    assert row.last_error == "OperationalError"
    assert RUNS == []
    (message,) = [r.getMessage() for r in caplog.records if r.name.endswith("outbox")]
    assert record.name in message and "127.0.0.1" not in message


def test_the_same_task_is_kept_once():
    with broker_unreachable():
        for _ in range(3):
            outbox.enqueue(record, 7)
        outbox.enqueue(record, 8)
    assert sorted(OutboxTask.objects.values_list("args", flat=True)) == [[7], [8]]


def test_drain_sends_waiting_tasks_once_the_broker_answers():
    with broker_unreachable():
        outbox.enqueue(record, 1)
        outbox.enqueue(record, 2)
        assert outbox.outbox_drain() == 0  # still down: nothing sent, nothing lost
    assert OutboxTask.objects.filter(attempts=1).count() == 1
    call_command("drain_task_outbox")
    assert RUNS == [(1,), (2,)]
    assert OutboxTask.objects.count() == 0


def test_command_fails_while_tasks_still_wait():
    with broker_unreachable():
        outbox.enqueue(record, 1)
        with pytest.raises(CommandError, match="1"):
            call_command("drain_task_outbox")
    assert OutboxTask.objects.count() == 1


def test_unknown_task_is_kept_and_the_rest_sent():
    OutboxTask.objects.create(key="x", task_name="prongsai.nowhere.gone", args=[])
    outbox.outbox_store(task_name=record.name, args=[3], error=OSError())
    assert outbox.outbox_drain() == 1
    assert RUNS == [(3,)]
    assert OutboxTask.objects.get().last_error == "unknown task"


def test_beat_drains_the_outbox():
    from config.settings.base import CELERY_BEAT_SCHEDULE
    from prongsai.core.tasks import outbox_drain

    tasks = {entry["task"] for entry in CELERY_BEAT_SCHEDULE.values()}
    assert outbox_drain.name in tasks
    outbox.outbox_store(task_name=record.name, args=[4], error=OSError())
    assert outbox_drain.delay().get() == 1
    assert RUNS == [(4,)]


def test_a_starting_worker_drains_the_outbox():
    from prongsai.core.tasks import _drain_when_worker_starts

    outbox.outbox_store(task_name=record.name, args=[5], error=OSError())
    _drain_when_worker_starts()
    assert RUNS == [(5,)]
    assert OutboxTask.objects.count() == 0
