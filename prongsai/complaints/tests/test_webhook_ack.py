"""The LINE webhook answers at once: one committed insert, the work after.

With a broker the answer does not wait for the processing: the view stores
the event and hands its id to the workers; the worker (or a redelivered task,
or the requeue) processes it exactly once.
"""

import pytest
from celery import current_app
from celery.app.task import Task
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.complaints.intake import line_event_process
from prongsai.complaints.models import Case, ChatSession, InboundEvent
from prongsai.complaints.tests.test_webhooks import (
    body_of,
    line_event,
    post_line,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch):
    """A broker that takes every task and runs none: ``(task name, args)``."""
    published = []

    def apply_async(self, args=None, kwargs=None, **options):
        published.append((self.name, tuple(args or ())))

    monkeypatch.setattr(Task, "apply_async", apply_async)
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    yield published
    current_app.conf.task_always_eager = eager


def test_the_answer_does_not_wait_for_the_processing(
    client, configured, edge, broker, django_capture_on_commit_callbacks
):
    body = body_of(line_event("01HACK00000000000000000001", text("ไฟถนนดับ")))
    with django_capture_on_commit_callbacks(execute=True):
        response = post_line(client, configured, body)
    assert response.status_code == 200
    event = InboundEvent.objects.get()
    assert event.processed_at is None and event.attempts == 0
    assert edge.calls == []  # nothing sent to LINE within the request
    assert not ChatSession.objects.exists()
    assert broker == [("prongsai.complaints.tasks.line_process_event", (event.pk,))]

    # The worker takes the task: processed once, however often it runs.
    assert line_event_process(event.pk) is True
    assert line_event_process(event.pk) is False
    event.refresh_from_db()
    assert event.processed_at is not None and event.attempts == 1
    assert ChatSession.objects.count() == 1
    assert len([c for c in edge.calls if c["url"].endswith("/reply")]) == 1


def test_a_redelivery_is_stored_and_queued_once(
    client, configured, edge, broker, django_capture_on_commit_callbacks
):
    event = line_event("01HACK00000000000000000002", text("สวัสดี"))
    with django_capture_on_commit_callbacks(execute=True):
        assert post_line(client, configured, body_of(event)).status_code == 200
        event["deliveryContext"]["isRedelivery"] = True
        assert post_line(client, configured, body_of(event, event)).status_code == 200
    assert InboundEvent.objects.count() == 1
    assert len(broker) == 1


def test_the_request_writes_one_row_in_one_statement(client, configured, edge, broker):
    """No savepoint, no second write, no read of anything but the channel."""
    body = body_of(
        line_event("01HACK00000000000000000003", text("หนึ่ง")),
        line_event("01HACK00000000000000000004", text("สอง")),
    )
    with CaptureQueriesContext(connection) as queries:
        response = post_line(client, configured, body)
    assert response.status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    statements = [sql.split()[0].upper() for sql in sqls]
    # The channel's secret and nothing else is read.
    reads = [sql for sql in sqls if sql.upper().startswith("SELECT")]
    assert reads and all("organizations_" in sql for sql in reads), reads
    assert not any("complaints_" in sql for sql in reads), reads
    assert statements.count("INSERT") == 2  # one per event
    assert not any(word in statements for word in ("SAVEPOINT", "UPDATE", "DELETE")), (
        statements
    )
    assert InboundEvent.objects.count() == 2
    assert not Case.objects.exists()


def test_stored_events_keep_every_field(configured):
    from prongsai.complaints.services_chat import inbound_event_store

    payload = line_event("01HACK00000000000000000005", text("ข้อความ\u0e01"))
    stored = inbound_event_store(
        organization=configured, source="line", event_id="x" * 150, payload=payload
    )
    row = InboundEvent.objects.get(pk=stored.pk)
    assert row.organization_id == configured.pk
    assert row.event_id == "x" * 100
    assert row.payload == payload
    assert (row.processed_at, row.attempts, row.error) == (None, 0, "")
    assert row.created_at is not None and row.updated_at is not None
    again = inbound_event_store(
        organization=configured, source="line", event_id="x" * 150, payload=payload
    )
    assert again is None
    other = inbound_event_store(
        organization=configured, source="facebook", event_id="x" * 150, payload={}
    )
    assert other is not None and other.pk != stored.pk
