"""Writes of the staff work manuals of services (see :mod:`prongsai.core.manuals`)."""

from __future__ import annotations

from django.db import transaction

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.manuals import ProcedureData, procedure_save

from .models import Service, ServiceProcedure, ServiceProcedureStep


@transaction.atomic
def service_procedure_update(
    *, actor: User, service: Service, data: ProcedureData
) -> ServiceProcedure:
    """Save the internal procedure of ``service`` (its steps are replaced)."""
    procedure = ServiceProcedure.objects.filter(
        service=service
    ).first() or ServiceProcedure(service=service)
    changes = procedure_save(
        procedure,
        steps_of=lambda: ServiceProcedureStep.objects.filter(procedure=procedure),
        step_model=ServiceProcedureStep,
        parent_field="service",
        data=data,
    )
    if changes:
        audit_log(
            actor=actor,
            organization=service.organization,
            action="eservice.procedure",
            target=service,
            changes=changes,
        )
    return procedure
