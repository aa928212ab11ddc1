"""What the OIT link checker keeps and for how long (prongsai.core.retention).

The nightly check adds one row per evidence URL and night; after
``PRONGSAI_RETENTION_DAYS["oit.link_check"]`` days (default 90) a row goes,
except the newest of each item and URL, which the checklist shows as the
link's last known state (a past year's checklist is no longer checked).
"""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from prongsai.core.retention import (
    Effect,
    RetentionKind,
    cutoff,
    delete_expired,
    register,
)

from .models import LinkCheck


def link_checks_expire(
    *, days: int, now: datetime.datetime, dry_run: bool
) -> dict[int, int]:
    """Link-check results older than ``days``, but the newest of each link."""
    checks = LinkCheck.objects.all_organizations()
    newest_of_link = (
        checks.filter(item_id=OuterRef("item_id"), url=OuterRef("url"))
        .order_by("-checked_at", "-pk")
        .values("pk")[:1]
    )
    return delete_expired(
        checks.filter(checked_at__lt=cutoff(days=days, now=now)).exclude(
            pk=Subquery(newest_of_link)
        ),
        dry_run=dry_run,
    )


register(
    RetentionKind(
        "oit.link_check",
        _("Results of the nightly OIT link check"),
        Effect.DELETE,
        link_checks_expire,
        90,
    )
)
