"""The checklist follows the records in a task, not in the writer's request.

A citizen's filing (or any write an evidence provider depends on) hands the
recompute to the workers after the commit, once per organisation and
transaction, and reads nothing of the OIT tables itself.
"""

import pytest
from celery import current_app
from celery.app.task import Task
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.oit import readiness

pytestmark = pytest.mark.django_db

TASK = "prongsai.oit.tasks.oit_readiness_recompute"


class _Published(list):
    def __init__(self):
        super().__init__()
        self.countdowns = []


@pytest.fixture
def broker(monkeypatch):
    """A broker that takes every task and runs none: ``(task name, args)``."""
    published = _Published()

    def apply_async(self, args=None, kwargs=None, **options):
        published.append((self.name, tuple(args or ())))
        published.countdowns.append(options.get("countdown"))

    monkeypatch.setattr(Task, "apply_async", apply_async)
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield published
    current_app.conf.task_always_eager = eager


def test_a_changed_record_queues_one_recompute_and_reads_no_checklist(
    organization, broker, django_capture_on_commit_callbacks
):
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        readiness.schedule(organization.pk)
        readiness.schedule(organization.pk)  # the same transaction: once
    assert sum(isinstance(c, readiness._Recompute) for c in callbacks) == 1
    assert broker == [(TASK, (organization.pk,))]
    assert not any("oit_" in q["sql"] for q in queries.captured_queries)


def test_changes_in_many_transactions_share_one_waiting_recompute(
    organization, other_organization, broker, django_capture_on_commit_callbacks
):
    """While a recompute waits for a worker, a crowd of filings adds none: it
    reads their changes when it runs. Not put off with a countdown: such a
    task waits unacknowledged in the worker, and a Redis outage then stops
    the worker (the fault tests)."""
    for _ in range(5):  # five requests, each its own transaction
        with django_capture_on_commit_callbacks(execute=True):
            readiness.schedule(organization.pk)
    with django_capture_on_commit_callbacks(execute=True):
        readiness.schedule(other_organization.pk)
    assert broker == [(TASK, (organization.pk,)), (TASK, (other_organization.pk,))]
    assert broker.countdowns == [None, None]


def test_a_change_after_the_recompute_started_queues_another(
    organization, broker, django_capture_on_commit_callbacks
):
    from prongsai.oit.tasks import oit_readiness_recompute

    with django_capture_on_commit_callbacks(execute=True):
        readiness.schedule(organization.pk)
    oit_readiness_recompute.run(organization.pk)  # the worker starts it
    with django_capture_on_commit_callbacks(execute=True):
        readiness.schedule(organization.pk)
    assert broker == [(TASK, (organization.pk,))] * 2


def test_a_filing_reads_no_checklist(
    organization, broker, django_capture_on_commit_callbacks
):
    service = ServiceFactory(organization=organization)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        file_request(service)
    assert not any("oit_" in q["sql"] for q in queries.captured_queries)


def test_the_task_recomputes_only_open_checklists(organization, monkeypatch):
    from prongsai.oit import services
    from prongsai.oit.models import Checklist
    from prongsai.oit.tasks import oit_readiness_recompute

    calls = []
    monkeypatch.setattr(services, "readiness_recompute", lambda **kw: calls.append(kw))
    oit_readiness_recompute(organization.pk)
    assert calls == []  # no open checklist: nothing to do
    Checklist.objects.create(organization=organization, fiscal_year=2570)
    oit_readiness_recompute(organization.pk)
    assert calls == [{"organization": organization}]
