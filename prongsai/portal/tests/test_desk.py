"""The executive's desk: what it counts, who opens it, its PDF, and the
notices that tell the executives something waits for them."""

import datetime
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.choices import Status as CaseStatus
from prongsai.complaints.models import CaseEntry
from prongsai.complaints.tests.factories import CaseFactory, ConfidentialCaseFactory
from prongsai.core import thai_dates
from prongsai.notifications.models import Notification
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans import services as plan_services
from prongsai.plans import services_measures
from prongsai.plans.models import Plan
from prongsai.portal.selectors_desk import desk_get
from prongsai.portal.services_desk import desk_digest_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organization):
    coordinator = MembershipFactory(
        organization=organization, roles=[Role.ITA_COORDINATOR.value]
    )
    mayor = MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True, full_name="ประเสริฐ ศรีสุข"),
        roles=[Role.EXECUTIVE.value],
        position="นายกองค์การบริหารส่วนตำบล",
    )
    return coordinator, mayor


def submitted_plan(organization, coordinator, title="แผนปฏิบัติการป้องกันการทุจริต"):
    plan = plan_services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=thai_dates.fiscal_year(timezone.localdate()),
        kind=Plan.Kind.ANTI_CORRUPTION,
        title=title,
    )
    services_measures.measure_create(
        actor=coordinator.user,
        plan=plan,
        data={"title": "เผยแพร่ข้อมูลจัดซื้อจัดจ้าง", "budget": Decimal("1000")},
    )
    return plan_services.plan_submit(actor=coordinator.user, plan=plan)


def waiting(desk, key):
    return next(w for w in desk.waiting if w.key == key)


def test_a_submitted_plan_waits_for_the_executive(organization, people):
    coordinator, mayor = people
    plan = submitted_plan(organization, coordinator)
    desk = desk_get(organization=organization, user=mayor.user, membership=mayor)
    item = waiting(desk, "plans")
    assert item.count == 1
    assert item.records == (
        (plan.title, reverse("plans-staff:plan-detail", args=["bandong", plan.pk])),
    )
    assert desk.waiting_total == 1
    assert desk.plans.plans == 1 and desk.plans.approved == 0


def test_an_approved_plan_no_longer_waits(organization, people):
    coordinator, mayor = people
    plan = submitted_plan(organization, coordinator)
    plan_services.plan_approve(actor=mayor.user, plan=plan)
    desk = desk_get(organization=organization, user=mayor.user, membership=mayor)
    assert waiting(desk, "plans").count == 0
    assert desk.plans.approved == 1


def test_another_organisations_plans_are_not_counted(
    organization, other_organization, people
):
    _coordinator, mayor = people
    other = MembershipFactory(
        organization=other_organization, roles=[Role.ITA_COORDINATOR.value]
    )
    submitted_plan(other_organization, other)
    desk = desk_get(organization=organization, user=mayor.user, membership=mayor)
    assert waiting(desk, "plans").count == 0


def test_complaints_by_status_and_age_leave_confidential_reports_out(
    organization, people
):
    _coordinator, mayor = people
    now = timezone.now()
    CaseFactory(organization=organization, received_at=now - datetime.timedelta(days=2))
    CaseFactory(
        organization=organization,
        received_at=now - datetime.timedelta(days=20),
        resolve_due=now - datetime.timedelta(days=1),
    )
    CaseFactory(
        organization=organization,
        received_at=now - datetime.timedelta(days=40),
        status=CaseStatus.RESOLVED,
    )
    ConfidentialCaseFactory(organization=organization)
    tile = desk_get(
        organization=organization, user=mayor.user, membership=mayor
    ).complaints
    assert (tile.total, tile.open, tile.overdue) == (3, 2, 1)
    assert [row.count for row in tile.ages] == [1, 0, 1, 0]
    assert {str(row.label): row.count for row in tile.by_status} == {
        str(CaseStatus.RECEIVED.label): 2,
        str(CaseStatus.RESOLVED.label): 1,
    }


def test_reopened_complaints_wait(organization, people):
    _coordinator, mayor = people
    case = CaseFactory(organization=organization, status=CaseStatus.IN_PROGRESS)
    CaseEntry.objects.create(case=case, type=CaseEntry.Type.REOPEN, text="ไม่พอใจ")
    CaseFactory(organization=organization)
    desk = desk_get(organization=organization, user=mayor.user, membership=mayor)
    assert waiting(desk, "complaints_reopened").count == 1


def test_reports_about_an_integrity_officer_count_only_for_executives(
    organization, people
):
    coordinator, mayor = people
    ConfidentialCaseFactory(organization=organization, concerns_integrity_officer=True)
    ConfidentialCaseFactory(organization=organization)
    desk = desk_get(organization=organization, user=mayor.user, membership=mayor)
    assert waiting(desk, "confidential").count == 1
    as_coordinator = desk_get(
        organization=organization, user=coordinator.user, membership=coordinator
    )
    assert "confidential" not in {w.key for w in as_coordinator.waiting}


def test_links_follow_what_the_viewer_may_open(organization, people):
    coordinator, mayor = people
    for_mayor = desk_get(organization=organization, user=mayor.user, membership=mayor)
    assert for_mayor.complaints.url == "/bandong/staff/complaints/"
    assert for_mayor.procurement.url == "/bandong/staff/procurement/"
    for_coordinator = desk_get(
        organization=organization, user=coordinator.user, membership=coordinator
    )
    assert for_coordinator.complaints.url == ""
    assert for_coordinator.procurement.url == ""


def test_the_desk_reads_in_a_fixed_number_of_queries(organization, people):
    """No N+1: more plans, measures and cases cost no more queries."""
    coordinator, mayor = people
    submitted_plan(organization, coordinator, "แผนที่หนึ่ง")
    CaseFactory(organization=organization)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            desk_get(organization=organization, user=mayor.user, membership=mayor)
        return len(queries)

    few = count()
    for n in range(4):
        submitted_plan(organization, coordinator, f"แผนที่ {n + 2}")
        CaseFactory(organization=organization)
    assert count() == few


# --- the page and the PDF -----------------------------------------------------------


def test_the_executive_opens_the_desk(client, organization, people):
    coordinator, mayor = people
    submitted_plan(organization, coordinator)
    client.force_login(mayor.user)
    response = client.get("/bandong/staff/desk/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "แผนปฏิบัติการป้องกันการทุจริต" in body
    assert 'id="desk-waiting-total">1<' in body


def test_the_dashboard_sends_executives_to_their_desk(client, organization, people):
    _coordinator, mayor = people
    client.force_login(mayor.user)
    response = client.get("/bandong/staff/")
    assert response.status_code == 302
    assert response.url == "/bandong/staff/desk/"
    assert client.get("/bandong/staff/?overview=1").status_code == 200


def test_the_dashboard_links_coordinators_to_the_desk(client, organization, people):
    coordinator, _mayor = people
    client.force_login(coordinator.user)
    response = client.get("/bandong/staff/")
    assert response.status_code == 200
    assert 'id="open-desk"' in response.content.decode()


def test_staff_without_the_role_get_403(client, organization, staff_membership):
    client.force_login(staff_membership.user)
    assert client.get("/bandong/staff/desk/").status_code == 403
    assert client.get("/bandong/staff/desk/desk.pdf").status_code == 403


def test_another_organisation_sees_a_404(client, other_organization, people):
    _coordinator, mayor = people
    client.force_login(mayor.user)
    assert client.get("/nongbua/staff/desk/").status_code == 404


def _poppler(tool: str, pdf: bytes, *args: str) -> str:
    executable = shutil.which(tool)
    assert executable is not None, f"{tool} (poppler-utils) is not installed"
    return subprocess.run(  # noqa: S603 - fixed tool, our own arguments
        [executable, *args, "-"] + (["-"] if tool == "pdftotext" else []),
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


def test_the_pdf_is_one_a4_page_in_thai(client, organization, people):
    coordinator, mayor = people
    submitted_plan(organization, coordinator)
    CaseFactory(organization=organization)
    client.force_login(mayor.user)
    response = client.get("/bandong/staff/desk/desk.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    info = _poppler("pdfinfo", response.content)
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert "595.276 x 841.89" in info  # A4
    # -raw keeps the drawing order (Thai marks stay with their letters).
    flat = "".join(_poppler("pdftotext", response.content, "-raw").split())
    assert "สรุปสถานการณ์สำหรับผู้บริหาร" in flat
    assert "แผนปฏิบัติการป้องกันการทุจริต" in flat
    year = thai_dates.fiscal_year(timezone.localdate())
    assert "ปีงบประมาณพ.ศ." + thai_dates.to_thai_digits(year) in flat


# --- notices ------------------------------------------------------------------------


def test_submitting_a_plan_tells_every_executive(
    organization, people, django_capture_on_commit_callbacks
):
    coordinator, mayor = people
    palad = MembershipFactory(organization=organization, roles=[Role.EXECUTIVE.value])
    with django_capture_on_commit_callbacks(execute=True):
        plan = submitted_plan(organization, coordinator)
    notices = Notification.objects.filter(
        organization=organization, kind="plans/submitted"
    )
    assert {n.user_id for n in notices} == {mayor.user_id, palad.user_id}
    assert all(plan.title in n.subject for n in notices)
    assert coordinator.user_id not in {n.user_id for n in notices}


def test_a_resubmitted_plan_tells_them_again(
    organization, people, django_capture_on_commit_callbacks
):
    coordinator, mayor = people
    with django_capture_on_commit_callbacks(execute=True):
        plan = submitted_plan(organization, coordinator)
        plan_services.plan_return(actor=mayor.user, plan=plan, comment="เพิ่มงบ")
        plan_services.plan_submit(actor=coordinator.user, plan=plan)
    assert (
        Notification.objects.filter(
            organization=organization, kind="plans/submitted", user=mayor.user
        ).count()
        == 2
    )


def test_the_weekly_digest_goes_once_a_week(
    organization, people, django_capture_on_commit_callbacks
):
    coordinator, mayor = people
    submitted_plan(organization, coordinator)
    monday = datetime.date(2026, 12, 7)
    with django_capture_on_commit_callbacks(execute=True):
        assert desk_digest_send(organization=organization, today=monday) == 1
        assert (
            desk_digest_send(
                organization=organization, today=monday + datetime.timedelta(days=3)
            )
            == 0
        )
        assert (
            desk_digest_send(
                organization=organization, today=monday + datetime.timedelta(days=7)
            )
            == 1
        )
    digest = Notification.objects.filter(
        organization=organization, kind="portal/desk_weekly"
    ).first()
    assert digest.user_id == mayor.user_id
    assert "1" in digest.subject
    assert "แผนที่รอผู้บริหารพิจารณาอนุมัติ: 1" in digest.body
    assert "ความเปลี่ยนแปลงในเจ็ดวันที่ผ่านมา" in digest.body
