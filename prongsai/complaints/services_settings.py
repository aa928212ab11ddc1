"""Writes of the complaint centre's settings and categories, and the notices to
its reviewers (executives and integrity officers)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.notifications.services import notify
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import members_with_role

from . import receipts
from .models import (
    Category,
    ComplaintSettings,
)

CATEGORY_FIELDS = (
    "name",
    "responsible_unit",
    "acknowledge_days",
    "resolve_days",
    "deadline_unit",
    "retention_days",
    "is_active",
    "order",
)
PLAIN_SETTING_FIELDS = (
    "confidential_retention_days",
    "confidential_deadline_unit",
    "external_body",
    "external_recipient",
    "privacy_contact",
)
# A code sent to a proposed external address is good for this long, and for
# this many wrong tries.


# --- Settings and categories --------------------------------------------------------
def complaint_settings_ensure(*, organization) -> ComplaintSettings:
    """The organisation's settings row, created with a fresh salt if missing."""
    found = ComplaintSettings.objects.filter(organization=organization).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ComplaintSettings.objects.create(
                organization=organization, receipt_salt=receipts.new_salt()
            )
    except IntegrityError:
        return ComplaintSettings.objects.get(organization=organization)


@transaction.atomic
def complaint_settings_update(*, actor, organization, **fields) -> ComplaintSettings:
    """Change settings. The LINE and Facebook channels are the organisation's
    (``organizations.services.channel_settings_update``)."""
    obj = complaint_settings_ensure(organization=organization)
    before = snapshot(obj, PLAIN_SETTING_FIELDS)
    for name in PLAIN_SETTING_FIELDS:
        if name in fields:
            setattr(obj, name, fields[name])
    recipient = obj.external_recipient
    if recipient is not None and (
        not recipient.is_active or recipient.province not in ("", organization.province)
    ):
        raise ValidationError(
            {
                "external_recipient": _(
                    "Choose a recipient from the platform's list for your province."
                )
            }
        )
    if recipient is not None:
        obj.external_body = recipient.kind
    obj.full_clean()
    obj.save()
    changes = diff(before, snapshot(obj, PLAIN_SETTING_FIELDS))
    if "external_recipient" in changes:
        chosen = str(recipient) if recipient is not None else ""
        with translation.override("th"):
            who = actor_name(actor)
        reviewers_notify(
            organization,
            kind="complaints/recipient_changed",
            context={"actor": who, "recipient": chosen},
        )
    audit_log(
        actor=actor,
        organization=organization,
        action="complaint_settings.update",
        target=obj,
        changes=changes,
    )
    return obj


# --- The external address for reports about executives ----------------------------
REVIEWER_ROLES = (Role.EXECUTIVE, Role.INTEGRITY_OFFICER)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def actor_name(actor) -> str:
    if actor is None:
        return _("The system")
    return getattr(actor, "display_name", "") or str(actor)


def _reviewers(organization) -> list:
    """Active executives and integrity officers, each once."""
    found: dict[int, Any] = {}
    for role in REVIEWER_ROLES:
        for membership in members_with_role(organization=organization, role=role):
            found.setdefault(membership.pk, membership)
    return list(found.values())


def reviewers_notify(organization, *, kind: str, context: dict) -> int:
    """Tell the organisation's executives and integrity officers (their own
    channels: e-mail, LINE, inbox) about the address for reports."""
    from django.urls import reverse

    told = 0
    for membership in _reviewers(organization):
        told += (
            notify(
                organization=organization,
                recipient=membership,
                kind=kind,
                context=context,
                url=reverse(
                    "complaints-staff:external-address",
                    kwargs={"org": organization.slug},
                ),
            )
            is not None
        )
    return told


@transaction.atomic
def category_create(*, actor, organization, **fields) -> Category:
    category = Category(organization=organization, **fields)
    _full_clean_unique(category)
    category.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="category.create",
        target=category,
        changes=snapshot(category, CATEGORY_FIELDS),
    )
    return category


@transaction.atomic
def category_update(*, actor, category: Category, **fields) -> Category:
    before = snapshot(category, CATEGORY_FIELDS)
    for name, value in fields.items():
        if name in CATEGORY_FIELDS:
            setattr(category, name, value)
    _full_clean_unique(category)
    category.save()
    audit_log(
        actor=actor,
        organization=category.organization,
        action="category.update",
        target=category,
        changes=diff(before, snapshot(category, CATEGORY_FIELDS)),
    )
    return category


def _full_clean_unique(category: Category) -> None:
    try:
        category.full_clean()
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(
                {"name": _("A category with this name already exists.")}
            ) from None
        raise
