"""What the complaint centre keeps and for how long (prongsai.core.retention)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from prongsai.core.retention import (
    Effect,
    RetentionKind,
    cutoff,
    delete_expired,
    register,
)

from . import services_retention
from .models import ChatSession, InboundEvent


def inbound_events_expire(
    *, days: int, now: datetime.datetime, dry_run: bool
) -> dict[int, int]:
    """Webhook events as received from LINE and Facebook (names, messages)."""
    return delete_expired(
        InboundEvent.objects.all_organizations().filter(
            created_at__lt=cutoff(days=days, now=now)
        ),
        dry_run=dry_run,
    )


def chat_sessions_expire(
    *, days: int, now: datetime.datetime, dry_run: bool
) -> dict[int, int]:
    """Guided-chat state (what a citizen typed so far), untouched for ``days``."""
    return delete_expired(
        ChatSession.objects.all_organizations().filter(
            updated_at__lt=cutoff(days=days, now=now)
        ),
        dry_run=dry_run,
    )


def confidential_cases_expire(*, days, now, dry_run: bool) -> dict[int, int]:
    """Closed confidential reports, after each organisation's own term."""
    return services_retention.confidential_purge_expired(now=now, dry_run=dry_run)


def case_personal_data_expire(*, days, now, dry_run: bool) -> dict[int, int]:
    """Complainants' contact details, after the term of the case's category."""
    return services_retention.case_remove_personal_data_expired(
        now=now, dry_run=dry_run
    )


# key, label, effect, apply, default days (None: the organisation's setting),
# per organisation
KINDS = (
    RetentionKind(
        "complaints.inbound_event",
        _("LINE and Facebook webhook events"),
        Effect.DELETE,
        inbound_events_expire,
        90,
    ),
    RetentionKind(
        "complaints.chat_session",
        _("LINE and Facebook chat sessions"),
        Effect.DELETE,
        chat_sessions_expire,
        30,
    ),
    RetentionKind(
        "complaints.confidential_case",
        _("Closed confidential reports and their files"),
        Effect.DELETE,
        confidential_cases_expire,
        None,
        True,
    ),
    RetentionKind(
        "complaints.case_personal_data",
        _("Complainants' contact details of closed cases"),
        Effect.ANONYMISE,
        case_personal_data_expire,
        None,
        True,
    ),
)
for kind in KINDS:
    register(kind)
