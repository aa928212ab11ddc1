"""The E-Service request workflow table is what ``request_transition`` enforces."""

import pytest

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.eservices import services_workflow
from prongsai.eservices.models import ServiceRequest, Status
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

S = Status
# The workflow as it was before ``core.workflow``: it must not change.
EXPECTED = {
    S.RECEIVED: {S.ACCEPTED, S.IN_PROGRESS, S.WAITING, S.REJECTED},
    S.ACCEPTED: {S.IN_PROGRESS, S.WAITING, S.REJECTED},
    S.IN_PROGRESS: {S.WAITING, S.COMPLETED, S.REJECTED},
    S.WAITING: {S.IN_PROGRESS, S.REJECTED},
}


def test_the_declared_table_is_the_request_workflow():
    assert services_workflow.REQUESTS.table() == EXPECTED


@pytest.mark.django_db
def test_the_service_enforces_exactly_the_table(organization):
    officer = MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    ).user
    filed = file_request(ServiceFactory(organization=organization))
    for source in Status.values:
        for target in Status.values:
            ServiceRequest.objects.filter(pk=filed.pk).update(
                status=source, paused_at=None, closed_at=None
            )
            try:
                services_workflow.request_transition(
                    actor=officer, request=filed, to_status=target, reason="เหตุผล"
                )
            except DomainError as error:
                assert target not in EXPECTED.get(source, ()), (source, target)
                assert error.field == "to_status"
            else:
                assert target in EXPECTED.get(source, ()), (source, target)
                assert ServiceRequest.objects.get(pk=filed.pk).status == target
                event = AuditEvent.objects.filter(
                    action="eservice_request.transition"
                ).latest("id")
                assert event.changes["status"] == {"old": source, "new": target}


@pytest.mark.django_db
def test_rejecting_needs_a_reason(organization):
    filed = file_request(ServiceFactory(organization=organization))
    with pytest.raises(DomainError) as error:
        services_workflow.request_transition(
            actor=None, request=filed, to_status=Status.REJECTED, reason=" "
        )
    assert error.value.field == "reason"
