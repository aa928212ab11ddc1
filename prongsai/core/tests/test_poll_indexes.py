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
from prongsai.complaints.models import OPEN_STATUSES, Case, ChatSession, InboundEvent
from prongsai.eservices.selectors import request_list_due_for_reminder
from prongsai.integrity.selectors_assets import loan_list_overdue
from prongsai.notifications.models import Delivery
from prongsai.organizations.models import RoleGrant

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _plan(queryset, *, ordered_by_index: bool = False) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            if ordered_by_index:
                # On an empty table an index plus a sort costs the same as
                # the partial index read in order; the tie went either way.
                cursor.execute("SET LOCAL enable_sort = off")
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
    # The hourly E-Service deadline reminder (eservices.tasks).
    "eservice_open_due_idx": lambda: request_list_due_for_reminder(now=NOW),
    # The daily digest of waiting notifications (notifications.services).
    "delivery_digest_idx": lambda: (
        Delivery.objects.all_organizations()
        .filter(status=Delivery.Status.DIGEST)
        .order_by("pk")
        .values_list("pk", flat=True)
    ),
    # The ten-minute activation of confidential role grants: the partial
    # unique index of pending grants serves it.
    "rolegrant_one_pending_per_role": lambda: (
        RoleGrant.objects.pending().all_organizations().filter(activates_at__lte=NOW)
    ),
    # The daily overdue reminder of complaints, one organisation at a time.
    "case_open_due_idx": lambda: (
        Case.objects.filter(organization_id=1, status__in=OPEN_STATUSES)
        .exclude(kind="corruption")
        .order_by("resolve_due")
    ),
    # The daily overdue reminder of asset loans.
    "integrity_loan_out_idx": lambda: loan_list_overdue(today=NOW.date()),
}

# SQLite's planner does not prove that an IN list implies a partial index's
# IN condition, and prefers the composite index that gives the loans' order on
# a tiny table; production runs PostgreSQL, checked there.
POSTGRESQL_ONLY = {
    "chat_session_draft_idx",
    "eservice_open_due_idx",
    "case_open_due_idx",
    "integrity_loan_out_idx",
}


@pytest.mark.parametrize("index", sorted(POLLS))
def test_the_poll_uses_its_partial_index(index):
    if index in POSTGRESQL_ONLY and connection.vendor == "sqlite":
        pytest.skip("SQLite's planner picks otherwise; checked on PostgreSQL")
    assert index in _plan(POLLS[index](), ordered_by_index=index == "case_open_due_idx")


def test_the_draft_index_covers_exactly_the_draft_states():
    (index,) = ChatSession._meta.indexes
    condition = dict(index.condition.children)
    assert sorted(condition["state__in"]) == sorted(chat.DRAFT_STATES)


def test_the_open_request_and_case_indexes_cover_exactly_the_open_states():
    from prongsai.eservices.models import OPEN_STATUSES as REQUEST_OPEN
    from prongsai.eservices.models import ServiceRequest

    (request_index,) = [
        i for i in ServiceRequest._meta.indexes if i.name == "eservice_open_due_idx"
    ]
    assert dict(request_index.condition.children)["status__in"] == REQUEST_OPEN
    (case_index,) = [i for i in Case._meta.indexes if i.name == "case_open_due_idx"]
    assert dict(case_index.condition.children)["status__in"] == OPEN_STATUSES
