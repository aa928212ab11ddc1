"""Every "not yet processed" poll of a beat job is answered from a partial index.

The every-minute jobs must not scan whole tables that only grow (issue #21):
the database's own planner is asked, with sequential scans discouraged, which
index it uses for the exact filters the jobs use.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from prongsai.complaints import chat
from prongsai.complaints.models import ChatSession, InboundEvent
from prongsai.notifications.models import Delivery

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _plan(queryset) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


POLLS = {
    "inbound_event_unprocessed_idx": lambda: (
        InboundEvent.objects.all_organizations()
        .filter(
            processed_at__isnull=True,
            created_at__lt=NOW - datetime.timedelta(seconds=60),
            attempts__lt=5,
        )
        .values_list("pk", "source")
    ),
    "delivery_queued_due_idx": lambda: (
        Delivery.objects.all_organizations()
        .filter(status=Delivery.Status.QUEUED, next_attempt_at__lte=NOW)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
    ),
    "chat_session_draft_idx": lambda: (
        ChatSession.objects.all_organizations()
        .filter(state__in=chat.DRAFT_STATES, updated_at__lt=NOW)
        .order_by("updated_at")
        .values_list("pk", flat=True)
    ),
}


@pytest.mark.parametrize("index", sorted(POLLS))
def test_the_poll_uses_its_partial_index(index):
    if index == "chat_session_draft_idx" and connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's planner does not prove that an IN list implies a partial "
            "index's IN condition; production runs PostgreSQL, checked there"
        )
    assert index in _plan(POLLS[index]())


def test_the_draft_index_covers_exactly_the_draft_states():
    (index,) = ChatSession._meta.indexes
    condition = dict(index.condition.children)
    assert sorted(condition["state__in"]) == sorted(chat.DRAFT_STATES)
