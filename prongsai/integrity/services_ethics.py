"""Writes to the ethics registers: versions of the code of ethics and of the
rules on the ethics process, acknowledgements and the working group (Dos &
Don'ts and activities: services_ethics_guides)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Membership

from .models_ethics import (
    EthicsAcknowledgement,
    EthicsDocument,
    EthicsWorkingGroup,
    EthicsWorkingGroupMember,
)
from .services import _membership
from .services_common import create_audited, update_audited

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

__all__ = [
    "ethics_acknowledge",
    "ethics_document_create",
    "ethics_document_update",
    "ethics_working_group_create",
    "ethics_working_group_member_add",
    "ethics_working_group_member_remove",
    "ethics_working_group_update",
]

DOCUMENT_AUDITED = ("kind", "title", "version_label", "effective_from")
GROUP_AUDITED = (
    "title",
    "order_number",
    "ordered_on",
    "effective_from",
    "effective_until",
)
GUIDE_AUDITED = ("title", "published_on", "url")
ACTIVITY_AUDITED = ("held_on", "title", "kind", "participants")


def _uploaded(upload: File | None) -> bool:
    """A new file (a form left unchanged gives back the stored one)."""
    return bool(upload) and not isinstance(upload, FieldFile)


def _with_file(data: dict[str, Any], name: str, upload: File | None) -> None:
    if _uploaded(upload):
        data[name] = upload


def _new_files(**uploads: File | None) -> tuple[str, ...]:
    """The names of the new files among *uploads*, for ``update_audited``."""
    return tuple(name for name, upload in uploads.items() if _uploaded(upload))


# --- the code of ethics and the rules on the ethics process ---


def _document_data(
    *,
    title: str,
    version_label: str,
    effective_from: datetime.date,
    text: str,
    file: File | None,
    has_file: bool,
) -> dict[str, Any]:
    if not text.strip() and not _uploaded(file) and not has_file:
        raise DomainError(
            _("Give the text of the document or upload its signed PDF."), field="text"
        )
    data: dict[str, Any] = {
        "title": title.strip(),
        "version_label": version_label.strip(),
        "effective_from": effective_from,
        "text": text.strip(),
    }
    _with_file(data, "file", file)
    return data


@transaction.atomic
def ethics_document_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    title: str,
    version_label: str,
    effective_from: datetime.date,
    text: str = "",
    file: File | None = None,
) -> EthicsDocument:
    """A new version of the code of ethics (or of the process rules): from its
    effective date it supersedes the earlier versions, which stay as history.
    Members acknowledge each new version of the code again."""
    if kind not in EthicsDocument.Kind.values:
        raise DomainError(_("Choose the kind of document."), field="kind")
    if EthicsDocument.objects.filter(
        organization=organization,
        kind=kind,
        version_label=version_label.strip(),
    ).exists():
        raise DomainError(
            _("This version is already recorded: give the new version another name."),
            field="version_label",
        )
    document = EthicsDocument(
        organization=organization,
        kind=kind,
        created_by=actor,
        **_document_data(
            title=title,
            version_label=version_label,
            effective_from=effective_from,
            text=text,
            file=file,
            has_file=False,
        ),
    )
    return create_audited(
        document, actor=actor, action="ethics_document.create", fields=DOCUMENT_AUDITED
    )


@transaction.atomic
def ethics_document_update(
    *,
    actor: User,
    document: EthicsDocument,
    title: str,
    version_label: str,
    effective_from: datetime.date,
    text: str = "",
    file: File | None = None,
) -> EthicsDocument:
    """Correct a version (a new version is a new document)."""
    if (
        EthicsDocument.objects.filter(
            organization_id=document.organization_id,
            kind=document.kind,
            version_label=version_label.strip(),
        )
        .exclude(pk=document.pk)
        .exists()
    ):
        raise DomainError(
            _("This version is already recorded: give the new version another name."),
            field="version_label",
        )
    data = _document_data(
        title=title,
        version_label=version_label,
        effective_from=effective_from,
        text=text,
        file=file,
        has_file=bool(document.file),
    )
    update_audited(
        document,
        data,
        actor=actor,
        action="ethics_document.update",
        fields=DOCUMENT_AUDITED,
        uploaded=_new_files(file=file),
    )
    return document


# --- acknowledgements ---


@transaction.atomic
def ethics_acknowledge(
    *, actor: User, organization: Organization, document: EthicsDocument | None
) -> EthicsAcknowledgement:
    """The actor states they read and acknowledged the code version in force."""
    if document is None:
        raise DomainError(_("No code of ethics in force yet."))
    membership: Membership | None = _membership(actor, organization)
    if membership is None:
        raise DomainError(
            _("Only an active member of this organisation acknowledges its code.")
        )
    in_force = (
        EthicsDocument.objects.filter(
            organization=organization,
            kind=EthicsDocument.Kind.CODE,
            effective_from__lte=timezone.localdate(),
        )
        .order_by("-effective_from", "-id")
        .first()
    )
    if in_force is None or document.pk != in_force.pk:
        raise DomainError(_("Only the version of the code in force is acknowledged."))
    if EthicsAcknowledgement.objects.filter(
        organization=organization, document=document, membership=membership
    ).exists():
        raise DomainError(_("You have already acknowledged this version of the code."))
    acknowledgement = EthicsAcknowledgement(
        organization=organization,
        document=document,
        membership=membership,
        acknowledged_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            acknowledgement.save()
    except IntegrityError:  # two clicks at once: the first one counts
        raise DomainError(
            _("You have already acknowledged this version of the code.")
        ) from None
    audit_log(
        actor=actor,
        organization=organization,
        action="ethics.acknowledge",
        target=document,
        changes={"version_label": document.version_label},
    )
    return acknowledgement


# --- the working group ---


def _group_data(
    *,
    title: str,
    order_number: str,
    ordered_on: datetime.date,
    effective_from: datetime.date | None,
    effective_until: datetime.date | None,
    file: File | None,
) -> dict[str, Any]:
    effective_from = effective_from or ordered_on
    if effective_until is not None and effective_until < effective_from:
        raise DomainError(
            _("The end date cannot be before the start date."), field="effective_until"
        )
    data: dict[str, Any] = {
        "title": title.strip(),
        "order_number": order_number.strip(),
        "ordered_on": ordered_on,
        "effective_from": effective_from,
        "effective_until": effective_until,
    }
    _with_file(data, "file", file)
    return data


@transaction.atomic
def ethics_working_group_create(
    *,
    actor: User,
    organization: Organization,
    order_number: str,
    ordered_on: datetime.date,
    title: str = "คำสั่งแต่งตั้งคณะทำงานด้านจริยธรรม",
    effective_from: datetime.date | None = None,
    effective_until: datetime.date | None = None,
    file: File | None = None,
) -> EthicsWorkingGroup:
    """Record the order appointing the ethics working group."""
    group = EthicsWorkingGroup(
        organization=organization,
        **_group_data(
            title=title,
            order_number=order_number,
            ordered_on=ordered_on,
            effective_from=effective_from,
            effective_until=effective_until,
            file=file,
        ),
    )
    return create_audited(
        group, actor=actor, action="ethics_group.create", fields=GROUP_AUDITED
    )


@transaction.atomic
def ethics_working_group_update(
    *,
    actor: User,
    group: EthicsWorkingGroup,
    order_number: str,
    ordered_on: datetime.date,
    title: str = "คำสั่งแต่งตั้งคณะทำงานด้านจริยธรรม",
    effective_from: datetime.date | None = None,
    effective_until: datetime.date | None = None,
    file: File | None = None,
) -> EthicsWorkingGroup:
    data = _group_data(
        title=title,
        order_number=order_number,
        ordered_on=ordered_on,
        effective_from=effective_from,
        effective_until=effective_until,
        file=file,
    )
    update_audited(
        group,
        data,
        actor=actor,
        action="ethics_group.update",
        fields=GROUP_AUDITED,
        uploaded=_new_files(file=file),
    )
    return group


@transaction.atomic
def ethics_working_group_member_add(
    *,
    actor: User,
    group: EthicsWorkingGroup,
    name: str,
    position: str,
    role: str,
    sort_order: int | None = None,
) -> EthicsWorkingGroupMember:
    """Add a person named in the order (name, position, role in the group)."""
    if sort_order is None:
        sort_order = group.members.count() + 1
    member = EthicsWorkingGroupMember(
        organization=group.organization,
        group=group,
        name=name.strip(),
        position=position.strip(),
        role=role,
        sort_order=sort_order,
    )
    member.full_clean()
    member.save()
    audit_log(
        actor=actor,
        organization=group.organization,
        action="ethics_group.member_add",
        target=group,
        changes={"name": member.name, "role": member.role},
    )
    return member


@transaction.atomic
def ethics_working_group_member_remove(
    *, actor: User, member: EthicsWorkingGroupMember
) -> None:
    audit_log(
        actor=actor,
        organization=member.organization,
        action="ethics_group.member_remove",
        target=member.group,
        changes={"name": member.name, "role": member.role},
    )
    member.delete()
