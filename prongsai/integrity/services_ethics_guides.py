"""Writes on the ethics Dos & Don'ts and the ethics activities of the year."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import snapshot
from prongsai.core.errors import DomainError
from prongsai.core.images import check_photo
from prongsai.organizations.models import Membership

from .models_ethics import (
    EthicsActivity,
    EthicsGuide,
    EthicsGuideItem,
)
from .services import _not_future
from .services_common import create_audited, delete_audited, update_audited
from .services_ethics import (
    ACTIVITY_AUDITED,
    GUIDE_AUDITED,
    _new_files,
    _uploaded,
    _with_file,
)

# --- Dos & Don'ts ---

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _guide_data(
    *,
    title: str,
    published_on: datetime.date,
    description: str,
    url: str,
    file: File | None,
    dos: str,
    donts: str,
    has_file: bool,
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    do_lines, dont_lines = _lines(dos), _lines(donts)
    pairs = [
        (
            do_lines[i] if i < len(do_lines) else "",
            dont_lines[i] if i < len(dont_lines) else "",
        )
        for i in range(max(len(do_lines), len(dont_lines)))
    ]
    for do, dont in pairs:
        if len(do) > 500 or len(dont) > 500:
            raise DomainError(
                _("Each line can have at most 500 characters."),
                field="dos" if len(do) > 500 else "donts",
            )
    if not (pairs or url.strip() or _uploaded(file) or has_file):
        raise DomainError(
            _("Upload the guide, give its link or list what to do and not to do."),
            field="dos",
        )
    data: dict[str, Any] = {
        "title": title.strip(),
        "published_on": published_on,
        "description": description.strip(),
        "url": url.strip(),
    }
    _with_file(data, "file", file)
    return data, pairs


def _set_items(guide: EthicsGuide, pairs: list[tuple[str, str]]) -> None:
    guide.items.all().delete()
    EthicsGuideItem.objects.bulk_create(
        EthicsGuideItem(
            organization_id=guide.organization_id,
            guide=guide,
            do=do,
            dont=dont,
            sort_order=number,
        )
        for number, (do, dont) in enumerate(pairs, start=1)
    )


@transaction.atomic
def ethics_guide_create(
    *,
    actor: User,
    organization: Organization,
    title: str,
    published_on: datetime.date,
    description: str = "",
    url: str = "",
    file: File | None = None,
    dos: str = "",
    donts: str = "",
) -> EthicsGuide:
    """Dos & Don'ts guidance: a file, a link, or lines of what to do and not
    to do (line n of each list makes pair n)."""
    data, pairs = _guide_data(
        title=title,
        published_on=published_on,
        description=description,
        url=url,
        file=file,
        dos=dos,
        donts=donts,
        has_file=False,
    )
    guide = EthicsGuide(organization=organization, **data)
    create_audited(
        guide,
        actor=actor,
        action="ethics_guide.create",
        changes=lambda saved: snapshot(saved, GUIDE_AUDITED) | {"items": len(pairs)},
    )
    _set_items(guide, pairs)
    return guide


@transaction.atomic
def ethics_guide_update(
    *,
    actor: User,
    guide: EthicsGuide,
    title: str,
    published_on: datetime.date,
    description: str = "",
    url: str = "",
    file: File | None = None,
    dos: str = "",
    donts: str = "",
) -> EthicsGuide:
    data, pairs = _guide_data(
        title=title,
        published_on=published_on,
        description=description,
        url=url,
        file=file,
        dos=dos,
        donts=donts,
        has_file=bool(guide.file),
    )
    old_pairs = [(i.do, i.dont) for i in guide.items.all()]
    items_changed = old_pairs != pairs
    update_audited(
        guide,
        data,
        actor=actor,
        action="ethics_guide.update",
        fields=GUIDE_AUDITED,
        extra={"items": {"old": len(old_pairs), "new": len(pairs)}}
        if items_changed
        else None,
        uploaded=_new_files(file=file),
    )
    if items_changed:
        _set_items(guide, pairs)
    return guide


@transaction.atomic
def ethics_guide_delete(*, actor: User, guide: EthicsGuide) -> None:
    delete_audited(
        guide,
        actor=actor,
        action="ethics_guide.delete",
        fields=("title", "published_on"),
    )


# --- activities ---


def _check_photo(photo: File | None) -> None:
    if _uploaded(photo) and photo is not None:
        check_photo(photo)


def _activity_data(
    *,
    organization: Organization,
    held_on: datetime.date,
    title: str,
    kind: str,
    participants: int | None,
    participant_members: list[Membership] | None,
    description: str,
    evidence_url: str,
    evidence_file: File | None,
    photo: File | None,
) -> tuple[dict[str, Any], list[Membership]]:
    _not_future(held_on, "held_on")
    members = list(participant_members or [])
    if any(m.organization_id != organization.pk for m in members):
        raise DomainError(
            _("Participants must be members of this organisation."),
            field="participant_members",
        )
    if participants is None and members:
        participants = len(members)
    if participants is not None and participants < len(members):
        raise DomainError(
            _(
                "The number of participants (%(count)s) is smaller than the "
                "members chosen (%(chosen)s)."
            )
            % {"count": participants, "chosen": len(members)},
            field="participants",
        )
    _check_photo(photo)
    data: dict[str, Any] = {
        "held_on": held_on,
        "fiscal_year": thai_dates.fiscal_year(held_on),
        "title": title.strip(),
        "kind": kind,
        "participants": participants,
        "description": description.strip(),
        "evidence_url": evidence_url.strip(),
    }
    _with_file(data, "evidence_file", evidence_file)
    _with_file(data, "photo", photo)
    return data, members


@transaction.atomic
def ethics_activity_create(
    *,
    actor: User,
    organization: Organization,
    held_on: datetime.date,
    title: str,
    kind: str,
    participants: int | None = None,
    participant_members: list[Membership] | None = None,
    description: str = "",
    evidence_url: str = "",
    evidence_file: File | None = None,
    photo: File | None = None,
) -> EthicsActivity:
    """Record an ethics activity or training; its date sets the fiscal year.
    Without a count, the members chosen are the participants."""
    data, members = _activity_data(
        organization=organization,
        held_on=held_on,
        title=title,
        kind=kind,
        participants=participants,
        participant_members=participant_members,
        description=description,
        evidence_url=evidence_url,
        evidence_file=evidence_file,
        photo=photo,
    )
    activity = EthicsActivity(organization=organization, **data)
    create_audited(
        activity,
        actor=actor,
        action="ethics_activity.create",
        fields=("fiscal_year", *ACTIVITY_AUDITED),
    )
    activity.participant_members.set(members)
    return activity


@transaction.atomic
def ethics_activity_update(
    *,
    actor: User,
    activity: EthicsActivity,
    held_on: datetime.date,
    title: str,
    kind: str,
    participants: int | None = None,
    participant_members: list[Membership] | None = None,
    description: str = "",
    evidence_url: str = "",
    evidence_file: File | None = None,
    photo: File | None = None,
) -> EthicsActivity:
    data, members = _activity_data(
        organization=activity.organization,
        held_on=held_on,
        title=title,
        kind=kind,
        participants=participants,
        participant_members=participant_members,
        description=description,
        evidence_url=evidence_url,
        evidence_file=evidence_file,
        photo=photo,
    )
    update_audited(
        activity,
        data,
        actor=actor,
        action="ethics_activity.update",
        fields=ACTIVITY_AUDITED,
        uploaded=_new_files(evidence_file=evidence_file, photo=photo),
    )
    activity.participant_members.set(members)
    return activity


@transaction.atomic
def ethics_activity_delete(*, actor: User, activity: EthicsActivity) -> None:
    delete_audited(
        activity,
        actor=actor,
        action="ethics_activity.delete",
        fields=("fiscal_year", "held_on", "title"),
    )
