"""One retention job over every kind of personal data the apps keep.

Each app lists what it keeps and for how long in its own ``retention.py``,
which :class:`prongsai.core.apps.CoreConfig` imports at start-up (the way
Django's admin finds ``admin.py``)::

    from prongsai.core.retention import RetentionKind, register

    register(RetentionKind(
        key="complaints.inbound_event",
        label=_("LINE and Facebook webhook events"),
        effect=Effect.DELETE,
        default_days=90,
        apply=inbound_events_expire,
    ))

``apply(*, days, now, dry_run)`` finds the rows whose term is over, deletes
or anonymises them unless ``dry_run``, and returns how many it found per
organisation id. The period of a kind is ``PRONGSAI_RETENTION_DAYS[key]``
(settings, overridable from the environment) or its default; a kind with
``per_organization`` reads each organisation's own settings instead (e.g.
the complaint centre's term for confidential reports) and gets
``days=None``.

:func:`retention_apply` runs every kind, writes one audit row per
organisation that lost rows (action ``retention.apply``, counts per kind)
and returns a :class:`RetentionReport`. Celery beat runs it daily
(``prongsai.core.tasks.retention_apply_task``); operators run it with
``prongsai apply_retention [--dry-run]``.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

AUDIT_ACTION = "retention.apply"


class Effect(models.TextChoices):
    DELETE = "delete", _("deleted")
    ANONYMISE = "anonymise", _("personal data removed")


@dataclass(frozen=True)
class RetentionKind:
    key: str
    label: Any  # lazy translated text
    effect: str
    apply: Callable[..., Mapping[int, int]]
    default_days: int | None = None
    per_organization: bool = False


_KINDS: dict[str, RetentionKind] = {}


def register(kind: RetentionKind) -> RetentionKind:
    """Add (or replace, on a reload) a kind of kept data."""
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[RetentionKind]:
    return [_KINDS[key] for key in sorted(_KINDS)]


def kind_get(key: str) -> RetentionKind | None:
    return _KINDS.get(key)


def period_days(kind: RetentionKind) -> int | None:
    """The term of ``kind`` in days: settings first, then the kind's default."""
    if kind.per_organization:
        return None
    configured = getattr(settings, "PRONGSAI_RETENTION_DAYS", {}) or {}
    days = configured.get(kind.key, kind.default_days)
    return int(days) if days is not None else None


def cutoff(*, days: int, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


@dataclass
class RetentionReport:
    """What one run found (``dry_run``) or did, per kind and organisation."""

    ran_at: datetime.datetime
    dry_run: bool
    counts: dict[str, dict[int, int]] = field(default_factory=dict)
    days: dict[str, int | None] = field(default_factory=dict)

    def total(self, key: str) -> int:
        return sum(self.counts.get(key, {}).values())

    def by_organization(self) -> dict[int, dict[str, int]]:
        result: dict[int, dict[str, int]] = {}
        for key, per_org in self.counts.items():
            for organization_id, count in per_org.items():
                if count:
                    result.setdefault(organization_id, {})[key] = count
        return result

    def as_dict(self) -> dict[str, Any]:
        """JSON-able summary (the Celery task's result)."""
        return {
            "ran_at": self.ran_at.isoformat(),
            "dry_run": self.dry_run,
            "kinds": {
                key: {"days": self.days.get(key), "rows": self.total(key)}
                for key in self.counts
            },
        }


def expire_each(
    rows: models.QuerySet,
    *,
    owner: Callable[[Any], int],
    remove: Callable[[Any], object],
    dry_run: bool,
) -> dict[int, int]:
    """Count *rows* per organisation (``owner(row)``) and ``remove`` each one.

    The body of most kinds' ``apply``: rows are read in chunks, and nothing is
    removed on a dry run.
    """
    found: Counter[int] = Counter()
    for row in rows.iterator(chunk_size=200):
        found[owner(row)] += 1
        if not dry_run:
            remove(row)
    return dict(found)


def delete_expired(rows: models.QuerySet, *, dry_run: bool) -> dict[int, int]:
    """Count *rows* per organisation and delete them in one statement.

    For kinds whose rows go whole (no files, no per-row service). *rows* must
    have an ``organization`` key.
    """
    counted = rows.order_by().values("organization_id").annotate(n=Count("pk"))
    found = {row["organization_id"]: row["n"] for row in counted}
    if found and not dry_run:
        rows.model._default_manager.all_organizations().filter(
            pk__in=rows.values("pk")
        ).delete()
    return found


def retention_apply(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> RetentionReport:
    """Apply every registered kind's term; nothing changes with ``dry_run``."""
    now = now or timezone.now()
    report = RetentionReport(ran_at=now, dry_run=dry_run)
    for kind in kinds():
        days = period_days(kind)
        report.days[kind.key] = days
        if days is None and not kind.per_organization:
            report.counts[kind.key] = {}
            continue  # kept without a term
        with transaction.atomic():
            found = kind.apply(days=days, now=now, dry_run=dry_run)
            report.counts[kind.key] = {int(k): int(v) for k, v in found.items() if v}
        logger.info(
            "retention %s: %s rows %s (days=%s, dry_run=%s)",
            kind.key,
            report.total(kind.key),
            kind.effect,
            days,
            dry_run,
        )
    if not dry_run:
        _record(report)
    return report


def _record(report: RetentionReport) -> None:
    from .audit import audit_log

    Organization = apps.get_model("organizations", "Organization")
    per_org = report.by_organization()
    for organization in Organization.objects.filter(pk__in=per_org):
        audit_log(
            actor=None,
            organization=organization,
            action=AUDIT_ACTION,
            changes=per_org[organization.pk],
        )
