"""The staff work manuals of the E-Service services, offered to
:func:`prongsai.core.manuals.manuals_for` (``MANUALS``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.deadlines import duration_text
from prongsai.core.manuals import Manual, ManualSource, ProcedureData

from . import selectors
from .models import Service


def service_manual(service: Service) -> Manual:
    """The staff work manual of a service whose procedure is loaded."""
    procedure = service.procedure
    return Manual(
        source="eservices",
        pk=service.pk,
        title=service.name,
        kind_label=str(_("E-Service")),
        organization=service.organization,
        responsible_unit=service.responsible_unit,
        procedure=ProcedureData.of(procedure, procedure.steps.all()),
        time_limit=duration_text(service.time_limit_days, service.time_limit_unit),
        updated_at=max(service.updated_at, procedure.updated_at),
        citizen_manual_url=service.get_absolute_url(),
    )


def list_manuals(organization) -> list[Manual]:
    return [
        service_manual(service)
        for service in selectors.service_list_with_procedure(organization=organization)
    ]


def get_manual(organization, pk: int) -> Manual | None:
    found = selectors.service_list_with_procedure(organization=organization, pk=pk)
    return service_manual(found[0]) if found else None


MANUALS = ManualSource(
    label=_("E-Services"), list_manuals=list_manuals, get_manual=get_manual
)
