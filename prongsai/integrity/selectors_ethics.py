"""Reads of the ethics registers, always scoped to one organisation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.organizations.models import Membership
from prongsai.organizations.selectors import membership_list

from .models_ethics import (
    EthicsAcknowledgement,
    EthicsActivity,
    EthicsDocument,
    EthicsGuide,
    EthicsWorkingGroup,
    EthicsWorkingGroupMember,
    EthicsYear,
)
from .models_hr import TrainingRecord
from .selectors import _access

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

__all__ = [
    "AcknowledgementRow",
    "AcknowledgementStats",
    "access_ethics_activity",
    "access_ethics_document",
    "access_ethics_group_member",
    "access_ethics_guide",
    "access_ethics_working_group",
    "ethics_acknowledgement_get",
    "ethics_acknowledgement_list_rows",
    "ethics_acknowledgement_pending",
    "ethics_acknowledgement_stats",
    "ethics_activity_count",
    "ethics_activity_kind_counts",
    "ethics_activity_list",
    "ethics_document_get_in_force",
    "ethics_document_list",
    "ethics_guide_list_for_year",
    "ethics_working_group_get_for_year",
    "ethics_year_day",
    "ethics_year_get",
    "ethics_year_list_published",
    "ethics_year_snapshot",
]


# --- URL ids ---


def access_ethics_document(*, organization: Organization, pk: Any) -> EthicsDocument:
    return _access(EthicsDocument, organization, pk)


def access_ethics_working_group(
    *, organization: Organization, pk: Any
) -> EthicsWorkingGroup:
    return _access(EthicsWorkingGroup, organization, pk)


def access_ethics_group_member(
    *, organization: Organization, pk: Any
) -> EthicsWorkingGroupMember:
    return _access(EthicsWorkingGroupMember, organization, pk)


def access_ethics_guide(*, organization: Organization, pk: Any) -> EthicsGuide:
    return _access(EthicsGuide, organization, pk)


def access_ethics_activity(*, organization: Organization, pk: Any) -> EthicsActivity:
    return _access(EthicsActivity, organization, pk)


# --- the records of a year ---


def ethics_year_day(fiscal_year: int) -> datetime.date:
    """The day that stands for a fiscal year: today within it, its last day
    once it is over, its first day before it starts."""
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    return min(max(timezone.localdate(), start), end)


def ethics_document_list(
    *, organization: Organization, kind: str
) -> list[EthicsDocument]:
    """Every version of the code (or of the process rules), newest first."""
    return list(
        EthicsDocument.objects.filter(organization=organization, kind=kind).order_by(
            "-effective_from", "-id"
        )
    )


def ethics_document_get_in_force(
    *, organization: Organization, kind: str, on: datetime.date | None = None
) -> EthicsDocument | None:
    """The version in force on ``on`` (today): the latest effective by then."""
    on = on or timezone.localdate()
    return (
        EthicsDocument.objects.filter(
            organization=organization, kind=kind, effective_from__lte=on
        )
        .order_by("-effective_from", "-id")
        .first()
    )


def ethics_working_group_get_for_year(
    *, organization: Organization, fiscal_year: int
) -> EthicsWorkingGroup | None:
    """The latest order in force at some time in the fiscal year."""
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    return (
        EthicsWorkingGroup.objects.filter(
            organization=organization, effective_from__lte=end
        )
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=start))
        .prefetch_related("members")
        .order_by("-effective_from", "-id")
        .first()
    )


def ethics_working_group_list(
    *, organization: Organization
) -> list[EthicsWorkingGroup]:
    return list(
        EthicsWorkingGroup.objects.filter(organization=organization).order_by(
            "-effective_from", "-id"
        )
    )


def ethics_guide_list_for_year(
    *, organization: Organization, fiscal_year: int
) -> list[EthicsGuide]:
    """The guides published by the end of the fiscal year, newest first."""
    _start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    return list(
        EthicsGuide.objects.filter(organization=organization, published_on__lte=end)
        .prefetch_related("items")
        .order_by("-published_on", "-id")
    )


def ethics_activity_list(
    *, organization: Organization, fiscal_year: int
) -> list[EthicsActivity]:
    return list(
        EthicsActivity.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).order_by("held_on", "id")
    )


def ethics_activity_kind_counts(
    *, organization: Organization, fiscal_year: int
) -> dict[str, int]:
    """How many activities of each kind the year has (kinds without any left out),
    in the order of ``EthicsActivity.Kind``."""
    kinds = list(
        EthicsActivity.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).values_list("kind", flat=True)
    )
    return {
        kind: kinds.count(kind) for kind in EthicsActivity.Kind.values if kind in kinds
    }


def ethics_activity_count(organization: Organization, fiscal_year: int) -> int:
    """The ethics activities and trainings of the fiscal year, as the OIT check
    counts them: the ethics activities, plus the courses with ethics content
    in the HR training records (one per course and start date, however many
    attended) that are not also recorded as an activity of the same title."""
    activities = EthicsActivity.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    )
    titles = set(activities.values_list("title", flat=True))
    courses = {
        (course, start_on)
        for course, start_on in TrainingRecord.objects.filter(
            organization=organization, fiscal_year=fiscal_year, ethics=True
        ).values_list("course", "start_on")
        if course not in titles
    }
    return activities.count() + len(courses)


# --- acknowledgements ---


@dataclass(frozen=True)
class AcknowledgementStats:
    acknowledged: int
    members: int

    @property
    def pending(self) -> int:
        return self.members - self.acknowledged

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.members) if self.members else 0


@dataclass(frozen=True)
class AcknowledgementRow:
    membership: Membership
    acknowledgement: EthicsAcknowledgement | None


def ethics_acknowledgement_get(
    *, membership: Membership | None, document: EthicsDocument | None
) -> EthicsAcknowledgement | None:
    if membership is None or document is None:
        return None
    return EthicsAcknowledgement.objects.filter(
        organization_id=document.organization_id,
        document=document,
        membership=membership,
    ).first()


def ethics_acknowledgement_list_rows(
    *, organization: Organization, document: EthicsDocument
) -> list[AcknowledgementRow]:
    """Every active member with their acknowledgement of ``document`` (or
    ``None``): those who have not acknowledged first, then by name."""
    found = {
        a.membership_id: a
        for a in EthicsAcknowledgement.objects.filter(
            organization=organization, document=document
        )
    }
    rows = [
        AcknowledgementRow(m, found.get(m.pk))
        for m in membership_list(organization=organization)
    ]
    rows.sort(key=lambda r: r.acknowledgement is not None)
    return rows


def ethics_acknowledgement_stats(
    *, organization: Organization, document: EthicsDocument | None
) -> AcknowledgementStats:
    """How many of the active members acknowledged ``document``."""
    members = membership_list(organization=organization)
    if document is None:
        return AcknowledgementStats(acknowledged=0, members=members.count())
    acknowledged = EthicsAcknowledgement.objects.filter(
        organization=organization,
        document=document,
        membership__in=members.values("pk"),
    ).count()
    return AcknowledgementStats(acknowledged=acknowledged, members=members.count())


def ethics_acknowledgement_pending(
    *, organization: Organization, membership: Membership | None
) -> EthicsDocument | None:
    """The code in force when ``membership`` has not acknowledged it, else None."""
    if membership is None or not membership.is_active:
        return None
    code = ethics_document_get_in_force(
        organization=organization, kind=EthicsDocument.Kind.CODE
    )
    if code is None or ethics_acknowledgement_get(membership=membership, document=code):
        return None
    return code


# --- the page of a year and what is published ---


def ethics_year_get(
    *, organization: Organization, fiscal_year: int
) -> EthicsYear | None:
    return EthicsYear.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def ethics_year_list_published(*, organization: Organization) -> list[int]:
    return list(
        EthicsYear.objects.filter(
            organization=organization, published_at__isnull=False
        ).values_list("fiscal_year", flat=True)
    )


def _url(field) -> str:
    return field.url if field else ""


def _document_data(document: EthicsDocument | None) -> dict[str, Any] | None:
    if document is None:
        return None
    return {
        "title": document.title,
        "version_label": document.version_label,
        "effective_from": document.effective_from.isoformat(),
        "text": document.text,
        "file_url": _url(document.file),
    }


def _group_data(group: EthicsWorkingGroup | None) -> dict[str, Any] | None:
    if group is None:
        return None
    return {
        "title": group.title,
        "order_number": group.order_number,
        "ordered_on": group.ordered_on.isoformat(),
        "effective_from": group.effective_from.isoformat(),
        "effective_until": group.effective_until.isoformat()
        if group.effective_until
        else None,
        "file_url": _url(group.file),
        "members": [
            {
                "name": m.name,
                "position": m.position,
                "role": m.role,
                "role_label": str(m.get_role_display()),
            }
            for m in group.members.all()
        ],
    }


def _guide_data(guide: EthicsGuide) -> dict[str, Any]:
    return {
        "title": guide.title,
        "published_on": guide.published_on.isoformat(),
        "description": guide.description,
        "file_url": _url(guide.file),
        "url": guide.url,
        "items": [{"do": i.do, "dont": i.dont} for i in guide.items.all()],
    }


def _activity_data(activity: EthicsActivity) -> dict[str, Any]:
    return {
        "held_on": activity.held_on.isoformat(),
        "title": activity.title,
        "kind": activity.kind,
        "kind_label": str(activity.get_kind_display()),
        "participants": activity.participants,
        "description": activity.description,
        "evidence_file_url": _url(activity.evidence_file),
        "evidence_url": activity.evidence_url,
        "photo_url": _url(activity.photo),
    }


def ethics_year_snapshot(
    *, organization: Organization, fiscal_year: int
) -> dict[str, Any]:
    """The ethics page of the year as it stands (JSON): what a publication
    freezes and the report prints. Participants are counted, never named."""
    year: dict[str, Any] = {"organization": organization, "fiscal_year": fiscal_year}
    day = ethics_year_day(fiscal_year)
    code = ethics_document_get_in_force(
        organization=organization, kind=EthicsDocument.Kind.CODE, on=day
    )
    process = ethics_document_get_in_force(
        organization=organization, kind=EthicsDocument.Kind.PROCESS, on=day
    )
    counts = ethics_activity_kind_counts(**year)
    stats = ethics_acknowledgement_stats(organization=organization, document=code)
    return {
        "fiscal_year": fiscal_year,
        "generated_on": timezone.localdate().isoformat(),
        "organization_name": organization.name,
        "code": _document_data(code),
        "process": _document_data(process),
        "group": _group_data(ethics_working_group_get_for_year(**year)),
        "guides": [_guide_data(g) for g in ethics_guide_list_for_year(**year)],
        "activities": [_activity_data(a) for a in ethics_activity_list(**year)],
        "kind_counts": [
            {
                "kind": kind,
                "label": str(EthicsActivity.Kind(kind).label),
                "count": count,
            }
            for kind, count in counts.items()
        ],
        "acknowledgements": {
            "acknowledged": stats.acknowledged,
            "members": stats.members,
        },
    }
