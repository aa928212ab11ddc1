"""The one state-machine helper (``core.workflow``)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.models import Status
from prongsai.complaints.tests.factories import CaseFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.core.workflow import Workflow, step, transition

HELD: dict = {}

FLOW = Workflow(
    action="case.test_move",
    labels=Status,
    roles_of=lambda actor, obj: HELD.get(actor.pk, ()),
    steps=[
        step(Status.ACKNOWLEDGED, [Status.RECEIVED]),
        step(Status.IN_PROGRESS, [Status.RECEIVED, Status.ACKNOWLEDGED]),
        step(
            Status.REJECTED,
            [Status.RECEIVED],
            reason=True,
            reason_field="rejection_reason",
        ),
        step(
            Status.RESOLVED,
            [Status.IN_PROGRESS],
            roles=frozenset({"executive"}),
            forbidden=gettext_lazy(
                "Only an executive of the organisation decides on plans."
            ),
        ),
    ],
)


def test_table_and_next_statuses_follow_the_declaration():
    assert FLOW.table() == {
        Status.RECEIVED: {Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.REJECTED},
        Status.ACKNOWLEDGED: {Status.IN_PROGRESS},
        Status.IN_PROGRESS: {Status.RESOLVED},
    }
    # In the order of the choices, not of the declaration.
    assert FLOW.allowed_next(Status.RECEIVED) == [
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.REJECTED,
    ]
    assert FLOW.allowed_next(Status.RESOLVED) == []


@pytest.mark.django_db
def test_an_allowed_move_sets_saves_and_audits_from_and_to(organization):
    case = CaseFactory(organization=organization)
    user = UserFactory()
    old = transition(
        case,
        Status.ACKNOWLEDGED,
        actor=user,
        workflow=FLOW,
        changes={"note": "ok"},
    )
    assert old == Status.RECEIVED
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED
    event = AuditEvent.objects.get(action="case.test_move")
    assert event.changes == {
        "status": {"old": "received", "new": "acknowledged"},
        "note": "ok",
    }
    assert event.organization == organization


@pytest.mark.django_db
def test_a_refused_move_says_so_in_thai_and_changes_nothing(organization):
    case = CaseFactory(organization=organization, status=Status.ACKNOWLEDGED)
    with translation.override("th"):
        with pytest.raises(DomainError) as error:
            transition(
                case, Status.REJECTED, actor=UserFactory(), workflow=FLOW, reason="x"
            )
        old, new = str(Status.ACKNOWLEDGED.label), str(Status.REJECTED.label)
    assert "Acknowledged" not in old
    assert error.value.message == f"สถานะ “{old}” เปลี่ยนเป็น “{new}” ไม่ได้"
    assert error.value.field == "status"
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED
    assert not AuditEvent.objects.filter(action="case.test_move").exists()


@pytest.mark.django_db
def test_a_reason_is_required_where_declared(organization):
    case = CaseFactory(organization=organization)
    with translation.override("th"), pytest.raises(DomainError) as error:
        transition(
            case, Status.REJECTED, actor=UserFactory(), workflow=FLOW, reason=" "
        )
    assert error.value.field == "rejection_reason"
    assert error.value.message == "โปรดระบุเหตุผลของการเปลี่ยนแปลงนี้"
    transition(case, Status.REJECTED, actor=UserFactory(), workflow=FLOW, reason="ซ้ำ")
    assert case.status == Status.REJECTED


@pytest.mark.django_db
def test_only_the_named_roles_may_make_a_move(organization):
    case = CaseFactory(organization=organization, status=Status.IN_PROGRESS)
    clerk, boss, admin = UserFactory(), UserFactory(), UserFactory(is_superuser=True)
    HELD.clear()
    HELD.update({clerk.pk: ["staff"], boss.pk: ["executive"]})
    with translation.override("th"), pytest.raises(DomainError) as error:
        transition(case, Status.RESOLVED, actor=clerk, workflow=FLOW)
    assert error.value.message == "เฉพาะผู้บริหารของหน่วยงานเท่านั้นที่พิจารณาอนุมัติแผนได้"
    transition(case, Status.RESOLVED, actor=boss, workflow=FLOW)
    assert case.status == Status.RESOLVED
    other = CaseFactory(organization=organization, status=Status.IN_PROGRESS)
    transition(other, Status.RESOLVED, actor=admin, workflow=FLOW)
    assert other.status == Status.RESOLVED


@pytest.mark.django_db
def test_prepare_may_refuse_after_the_checks(organization):
    case = CaseFactory(organization=organization)

    def prepare(old):
        assert old == Status.RECEIVED
        raise DomainError("no")

    with pytest.raises(DomainError):
        transition(case, Status.IN_PROGRESS, actor=None, workflow=FLOW, prepare=prepare)
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
