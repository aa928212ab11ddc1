"""A task that cannot reach the database is tried again later, not dropped."""

import pytest
from celery import shared_task
from celery.exceptions import Retry
from django.db import OperationalError

from config.celery import DATABASE_RETRY_DELAYS, DatabaseRetryTask

calls = []


@shared_task
def _database_down(case_id: int) -> None:
    calls.append(case_id)
    raise OperationalError("connection refused")


@shared_task
def _bug() -> None:
    raise ValueError("a bug is not retried")


def _run_as_worker(task, *args, retries=0):
    """Run ``task`` as a worker does (not eager, not a direct call)."""
    task.push_request(
        id="t-1",
        args=list(args),
        kwargs={},
        retries=retries,
        is_eager=False,
        called_directly=False,
    )
    try:
        return task(*args)
    finally:
        task.pop_request()


def test_tasks_retry_when_the_database_is_unreachable(monkeypatch):
    assert isinstance(_database_down, DatabaseRetryTask)
    seen = {}

    def retry(**kwargs):
        seen.update(kwargs)
        return Retry("again", when=kwargs["countdown"])

    monkeypatch.setattr(_database_down, "retry", retry)
    with pytest.raises(Retry):
        _run_as_worker(_database_down, 7, retries=2)
    assert calls == [7]
    assert seen["countdown"] == DATABASE_RETRY_DELAYS[2]
    assert isinstance(seen["exc"], OperationalError)
    # The last try gives up and the error is recorded as usual.
    with pytest.raises(OperationalError):
        _run_as_worker(_database_down, 7, retries=len(DATABASE_RETRY_DELAYS))
    # Other errors and eager runs (tests, the demo) raise at once.
    with pytest.raises(ValueError):
        _run_as_worker(_bug)
    with pytest.raises(OperationalError):
        _database_down.apply(args=[8]).get()
