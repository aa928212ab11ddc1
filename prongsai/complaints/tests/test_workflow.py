"""The complaint workflow table is what ``case_change_status`` enforces."""

import pytest

from prongsai.complaints import services, workflow
from prongsai.complaints.models import Status
from prongsai.complaints.tests.factories import CaseFactory
from prongsai.core.errors import DomainError
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

S = Status
# The workflow as it was before ``core.workflow``: it must not change.
EXPECTED = {
    S.RECEIVED: {S.ACKNOWLEDGED, S.IN_PROGRESS, S.FORWARDED, S.RESOLVED, S.REJECTED},
    S.ACKNOWLEDGED: {S.IN_PROGRESS, S.FORWARDED, S.RESOLVED, S.REJECTED},
    S.IN_PROGRESS: {S.FORWARDED, S.RESOLVED, S.REJECTED},
    S.FORWARDED: {S.IN_PROGRESS, S.RESOLVED},
    S.RESOLVED: {S.IN_PROGRESS},
    S.REJECTED: {S.IN_PROGRESS},
}


def test_the_declared_table_is_the_complaint_workflow():
    assert workflow.CASES.table() == EXPECTED


@pytest.mark.django_db
def test_the_service_enforces_exactly_the_table(organization):
    officer = MembershipFactory(
        organization=organization, roles=[Role.COMPLAINT_OFFICER.value]
    ).user
    for source in Status.values:
        for target in Status.values:
            case = CaseFactory(organization=organization, status=source)
            try:
                services.case_change_status(
                    actor=officer,
                    case=case,
                    status=target,
                    forwarded_to="อำเภอเมือง",
                    rejection_reason="ไม่อยู่ในอำนาจหน้าที่",
                )
            except DomainError as error:
                assert target not in EXPECTED[source], (source, target, error)
                assert error.field == "status"
            else:
                assert target in EXPECTED[source], (source, target)
                case.refresh_from_db()
                assert case.status == target
                assert case.entries.filter(from_status=source, to_status=target)
