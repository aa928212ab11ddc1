"""Writes of the E-Service catalogue: settings, services and their forms.

Filing a request is in ``services_filing``, working it in ``services_workflow``
and removing personal data in ``services_personal_data``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.deadlines import DayUnit
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from . import citizen_manual
from .formdefs import FormDefinitionError, clean_fields
from .models import EServiceSettings, FormVersion, Service


@dataclasses.dataclass(frozen=True, kw_only=True)
class ServiceDetails:
    """What the staff write about a service: its citizen manual and settings."""

    code: str
    name: str
    name_en: str = ""
    category: str = ""
    description: str = ""
    # Structured items, or plain texts that __post_init__ turns into them.
    steps: list[dict] | list[str] = dataclasses.field(default_factory=list)
    documents: list[dict] | list[str] = dataclasses.field(default_factory=list)
    criteria: str = ""
    fees: str = ""
    time_limit_days: int
    time_limit_unit: str = DayUnit.WORKING
    legal_basis: str = ""
    responsible_unit: str
    channels: str = ""
    contacts: str = ""
    complaint_channels: str = ""
    officer: User | None = None
    is_published: bool = True
    location_public: bool = False

    def __post_init__(self) -> None:
        # Plain texts (older data, starter templates) become structured items.
        object.__setattr__(self, "steps", citizen_manual.steps_of(self.steps))
        object.__setattr__(
            self, "documents", citizen_manual.documents_of(self.documents)
        )

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> ServiceDetails:
        """The details found in ``data`` (a form's cleaned data, a template)."""
        return cls(**{name: data[name] for name in SERVICE_FIELDS if name in data})

    @classmethod
    def from_service(cls, service: Service) -> ServiceDetails:
        return cls(**{name: getattr(service, name) for name in SERVICE_FIELDS})

    def values(self) -> dict[str, Any]:
        """The details by field name (the officer stays a ``User``)."""
        return {name: getattr(self, name) for name in SERVICE_FIELDS}


#: The fields of a service that the staff edit, in the form's order.
SERVICE_FIELDS = tuple(field.name for field in dataclasses.fields(ServiceDetails))
SETTINGS_PLAIN_FIELDS = ("privacy_notice", "soon_due_days")


# --- Settings -------------------------------------------------------------------


def _settings_for(organization: Organization) -> EServiceSettings:
    settings_row, _created = EServiceSettings.objects.get_or_create(
        organization=organization
    )
    return settings_row


@transaction.atomic
def eservice_settings_update(
    *,
    actor: User,
    organization: Organization,
    privacy_notice: str,
    soon_due_days: int,
) -> EServiceSettings:
    """Change the settings. LINE Login is the organisation's channel
    (``organizations.services_channels.channel_settings_update``)."""
    row = _settings_for(organization)
    changes = model_update(
        row,
        {"privacy_notice": privacy_notice, "soon_due_days": soon_due_days},
        SETTINGS_PLAIN_FIELDS,
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="eservice_settings.update",
        target=row,
        changes=changes,
    )
    return row


def api_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def eservice_settings_issue_api_key(*, actor: User, organization: Organization) -> str:
    """Issue a new Open311 API key; returns it once (only its hash is kept)."""
    row = _settings_for(organization)
    key = secrets.token_urlsafe(32)
    row.open311_api_key_hash = api_key_hash(key)
    row.open311_api_key_hint = key[-4:]
    row.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="eservice_settings.api_key",
        target=row,
        changes={"open311_api_key_hint": row.open311_api_key_hint},
    )
    return key


# --- Catalogue ------------------------------------------------------------------


def _clean_form(fields: Any) -> list[dict]:
    try:
        return clean_fields(fields)
    except FormDefinitionError as error:
        raise DomainError(" ".join(error.messages), field="fields") from None


def _check_code_free(
    *, organization: Organization | int, code: str, service: Service | None = None
) -> None:
    taken = Service.objects.for_organization(organization).filter(code=code)
    if service is not None:
        taken = taken.exclude(pk=service.pk)
    if taken.exists():
        raise DomainError(
            _("Another service already uses the code “%(code)s”.") % {"code": code},
            field="code",
        )


def _apply_sample_form(service: Service, sample_form: File | bool | None) -> dict:
    """Replace (a file) or remove (``False``) the sample form; the change."""
    if sample_form is False and service.sample_form:
        service.sample_form.delete(save=False)
        service.sample_form = ""
    elif isinstance(sample_form, File):
        if service.sample_form:
            service.sample_form.delete(save=False)
        service.sample_form.save(sample_form.name, sample_form, save=False)
    else:
        return {}
    service.save(update_fields=["sample_form", "updated_at"])
    return {"sample_form": service.sample_form.name}


@transaction.atomic
def service_create(
    *,
    actor: User,
    organization: Organization,
    details: ServiceDetails,
    fields: list[dict] | None = None,
    template_code: str = "",
    apply_path: str = "",
    sample_form: File | None = None,
) -> Service:
    """Add a service with its first form version.

    ``apply_path`` is the page of this site where citizens file it when
    another register owns its requests (asset loans); the general request
    form then sends them there and refuses to file it.
    """
    service = Service(
        organization=organization,
        template_code=template_code,
        apply_path=apply_path,
        **details.values(),
    )
    _check_code_free(organization=organization, code=details.code)
    service.full_clean()
    form_fields = _clean_form(fields or [])
    service.save()
    FormVersion.objects.create(
        service=service, number=1, fields=form_fields, created_by=actor
    )
    _apply_sample_form(service, sample_form)
    audit_log(
        actor=actor,
        organization=organization,
        action="eservice.adopt" if service.template_code else "eservice.create",
        target=service,
        changes=snapshot(service, ("code", "name", "time_limit_days")),
    )
    return service


def service_adopt(
    *, actor: User, organization: Organization, template: dict
) -> Service:
    """Copy a starter template into the organisation's catalogue."""
    values = {key: value for key, value in template.items() if key != "officer"}
    return service_create(
        actor=actor,
        organization=organization,
        details=ServiceDetails.of(values),
        template_code=template["code"],
        fields=template.get("fields", []),
    )


@transaction.atomic
def service_update(
    *,
    actor: User,
    service: Service,
    details: ServiceDetails,
    sample_form: File | bool | None = None,
) -> Service:
    """Save the citizen manual; ``sample_form`` is a new file, ``False`` to
    remove the sample form, ``None`` to keep it."""
    _check_code_free(
        organization=service.organization_id, code=details.code, service=service
    )
    changes = model_update(service, details.values(), SERVICE_FIELDS)
    changes.update(_apply_sample_form(service, sample_form))
    if changes:
        audit_log(
            actor=actor,
            organization=service.organization,
            action="eservice.update",
            target=service,
            changes=changes,
        )
    return service


@transaction.atomic
def form_version_publish(*, actor: User, service: Service, fields: Any) -> FormVersion:
    """Publish a new form version; requests filed earlier keep their version."""
    cleaned = _clean_form(fields)
    current = service.form_versions.order_by("-number").first()
    if current is not None and current.fields == cleaned:
        raise DomainError(_("The form has not changed."), field="fields")
    version = FormVersion.objects.create(
        service=service,
        number=(current.number + 1) if current else 1,
        fields=cleaned,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        organization=service.organization,
        action="eservice_form.publish",
        target=service,
        changes={"version": version.number, "fields": len(cleaned)},
    )
    return version
