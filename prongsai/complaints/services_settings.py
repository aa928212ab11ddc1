"""Writes of the complaint centre's settings and categories, and the notices to
its reviewers (executives and integrity officers)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.deadlines import DayUnit
from prongsai.core.services import UNSET, given, model_update
from prongsai.notifications.services import notify
from prongsai.organizations.models import Membership, Organization
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from . import receipts
from .models import Category, ComplaintSettings, ExternalRecipient

CATEGORY_FIELDS = (
    "name",
    "responsible_unit",
    "acknowledge_days",
    "resolve_days",
    "deadline_unit",
    "retention_days",
    "keywords",
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


# --- Settings and categories --------------------------------------------------------
def complaint_settings_ensure(*, organization: Organization) -> ComplaintSettings:
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
def complaint_settings_update(
    *,
    actor: User | None,
    organization: Organization,
    confidential_retention_days: int = UNSET,
    confidential_deadline_unit: str = UNSET,
    external_body: str = UNSET,
    external_recipient: ExternalRecipient | None = UNSET,
    privacy_contact: str = UNSET,
) -> ComplaintSettings:
    """Change the settings given. The LINE and Facebook channels are the
    organisation's (``organizations.services_channels.channel_settings_update``)."""
    obj = complaint_settings_ensure(organization=organization)
    data = given(
        confidential_retention_days=confidential_retention_days,
        confidential_deadline_unit=confidential_deadline_unit,
        external_body=external_body,
        external_recipient=external_recipient,
        privacy_contact=privacy_contact,
    )
    recipient = data.get("external_recipient", obj.external_recipient)
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
        data["external_body"] = recipient.kind
    changes = model_update(obj, data, PLAIN_SETTING_FIELDS)
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


def actor_name(actor: User | None) -> str:
    if actor is None:
        return _("The system")
    return getattr(actor, "display_name", "") or str(actor)


def _reviewers(organization: Organization) -> list:
    """Active executives and integrity officers, each once."""
    found: dict[int, Any] = {}
    for role in REVIEWER_ROLES:
        for membership in membership_list_with_role(
            organization=organization, role=role
        ):
            found.setdefault(membership.pk, membership)
    return list(found.values())


def members_notify(
    organization: Organization,
    memberships: Iterable[Membership],
    *,
    kind: str,
    context: dict,
    url: str,
    dedup_key: str | None = None,
) -> int:
    """Tell each of *memberships* (by their own channels: e-mail, LINE,
    inbox); return how many were told."""
    return sum(
        notify(
            organization=organization,
            recipient=membership,
            kind=kind,
            context=context,
            url=url,
            dedup_key=dedup_key,
        )
        is not None
        for membership in memberships
    )


def reviewers_notify(organization: Organization, *, kind: str, context: dict) -> int:
    """Tell the organisation's executives and integrity officers about the
    address for reports."""
    return members_notify(
        organization,
        _reviewers(organization),
        kind=kind,
        context=context,
        url=reverse(
            "complaints-staff:external-address", kwargs={"org": organization.slug}
        ),
    )


@transaction.atomic
def category_create(
    *,
    actor: User | None,
    organization: Organization,
    name: str,
    responsible_unit: str = "",
    acknowledge_days: int = 1,
    resolve_days: int = 15,
    deadline_unit: str = DayUnit.WORKING,
    retention_days: int | None = None,
    keywords: str = "",
    is_active: bool = True,
    order: int = 0,
) -> Category:
    category = Category(
        organization=organization,
        name=name,
        responsible_unit=responsible_unit,
        acknowledge_days=acknowledge_days,
        resolve_days=resolve_days,
        deadline_unit=deadline_unit,
        retention_days=retention_days,
        keywords=keywords,
        is_active=is_active,
        order=order,
    )
    with _unique_name():
        category.full_clean()
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
def category_update(
    *,
    actor: User | None,
    category: Category,
    name: str = UNSET,
    responsible_unit: str = UNSET,
    acknowledge_days: int = UNSET,
    resolve_days: int = UNSET,
    deadline_unit: str = UNSET,
    retention_days: int | None = UNSET,
    keywords: str = UNSET,
    is_active: bool = UNSET,
    order: int = UNSET,
) -> Category:
    data = given(
        name=name,
        responsible_unit=responsible_unit,
        acknowledge_days=acknowledge_days,
        resolve_days=resolve_days,
        deadline_unit=deadline_unit,
        retention_days=retention_days,
        keywords=keywords,
        is_active=is_active,
        order=order,
    )
    with _unique_name():
        changes = model_update(category, data, CATEGORY_FIELDS)
    audit_log(
        actor=actor,
        organization=category.organization,
        action="category.update",
        target=category,
        changes=changes,
    )
    return category


@contextmanager
def _unique_name() -> Iterator[None]:
    """A clash with another category's name, said on the name field."""
    try:
        yield
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(
                {"name": _("A category with this name already exists.")}
            ) from None
        raise
