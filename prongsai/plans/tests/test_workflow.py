"""The plan workflow table is what the plan services enforce."""

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans import services
from prongsai.plans.models import Plan
from prongsai.plans.tests.factories import MeasureFactory, PlanFactory
from prongsai.plans.workflow import PLANS

S = Plan.Status
EXPECTED = {
    S.DRAFT: {S.SUBMITTED},
    S.RETURNED: {S.SUBMITTED},
    S.SUBMITTED: {S.APPROVED, S.RETURNED},
    S.APPROVED: {S.DRAFT},
}
MOVE = {
    S.SUBMITTED: lambda actor, plan: services.plan_submit(actor=actor, plan=plan),
    S.APPROVED: lambda actor, plan: services.plan_approve(actor=actor, plan=plan),
    S.RETURNED: lambda actor, plan: services.plan_return(
        actor=actor, plan=plan, comment="เพิ่มตัวชี้วัด"
    ),
    S.DRAFT: lambda actor, plan: services.plan_revise(
        actor=actor, plan=plan, reason="งบประมาณเปลี่ยน"
    ),
}


def test_the_declared_table_is_the_plan_workflow():
    assert PLANS.table() == EXPECTED


@pytest.mark.django_db
def test_the_services_enforce_exactly_the_table(organization):
    admin = UserFactory(is_superuser=True)
    for source in S.values:
        for target, move in MOVE.items():
            plan = PlanFactory(organization=organization, status=source)
            MeasureFactory(plan=plan)
            try:
                move(admin, plan)
            except DomainError:
                assert target not in EXPECTED[source], (source, target)
            else:
                assert target in EXPECTED[source], (source, target)
                plan.refresh_from_db()
                assert plan.status == target
                event = AuditEvent.objects.filter(
                    action__startswith="plan.", object_id=str(plan.pk)
                ).latest("id")
                assert event.changes["status"] == {"old": source, "new": target}


@pytest.mark.django_db
def test_only_an_executive_decides(organization):
    plan = PlanFactory(organization=organization, status=S.SUBMITTED)
    coordinator = MembershipFactory(
        organization=organization, roles=[Role.ITA_COORDINATOR.value]
    ).user
    with pytest.raises(DomainError, match="เฉพาะผู้บริหาร"):
        services.plan_approve(actor=coordinator, plan=plan)
    executive = MembershipFactory(
        organization=organization, roles=[Role.EXECUTIVE.value]
    ).user
    services.plan_approve(actor=executive, plan=plan)
    plan.refresh_from_db()
    assert plan.status == S.APPROVED
    assert AuditEvent.objects.filter(action="plan.approve").exists()
