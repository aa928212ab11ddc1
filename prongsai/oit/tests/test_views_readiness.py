"""Issue #15 over HTTP: holding an item back, the confirmation step of the
submission, executives reading the checklist, and every year on the public
ITA/OIT page."""

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.ita.report import report_snapshot
from prongsai.ita.services import ita_result_record
from prongsai.ita.services_analysis import (
    analysis_report_publish,
    analysis_report_save,
    analysis_report_unpublish,
)
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.oit import linkcheck, services
from prongsai.oit.models import Checklist, ChecklistItem, Evidence
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

S = ChecklistItem.Status


def _url(name, organization, **kwargs):
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


def _member(organization, *roles):
    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


def _link(officer, item, url="https://example.org/manual.pdf"):
    return services.evidence_add(
        actor=officer, item=item, kind=Evidence.Kind.LINK, title="คู่มือ", url=url
    )


@pytest.fixture
def fake_fetch(monkeypatch):
    def fetch(url, **_options):
        return linkcheck.FetchResult(url, 200, url, 0, "h", 1, 1)

    monkeypatch.setattr(linkcheck, "fetch", fetch)


# --- holding an item back ---------------------------------------------------------
def test_not_ready_needs_a_reason_and_the_reason_is_shown(client, checklist, officer):
    client.force_login(officer)
    item = checklist.items.get(code="O8")
    _link(officer, item)
    url = _url("oit-staff:item-status", checklist.organization, pk=item.pk)
    response = client.post(url, {"status": "not_ready", "reason": ""})
    assert response.status_code == 200
    assert "ระบุเหตุผล" in response.content.decode()
    assert ChecklistItem.objects.get(pk=item.pk).status == S.READY

    response = client.post(url, {"status": "not_ready", "reason": "ลิงก์ยังเป็นฉบับเก่า"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.not_ready_reason) == (S.NOT_READY, "ลิงก์ยังเป็นฉบับเก่า")
    page = client.get(
        _url("oit-staff:checklist", checklist.organization, fiscal_year=2569)
    ).content.decode()
    assert "ลิงก์ยังเป็นฉบับเก่า" in page
    page = client.get(_url("oit-staff:item", checklist.organization, pk=item.pk))
    assert "ลิงก์ยังเป็นฉบับเก่า" in page.content.decode()

    response = client.post(
        _url("oit-staff:item-release", checklist.organization, pk=item.pk)
    )
    assert response.status_code == 302
    assert ChecklistItem.objects.get(pk=item.pk).status == S.READY


def test_marking_ready_past_a_failing_check_is_refused_in_thai(
    client, checklist, officer
):
    client.force_login(officer)
    item = checklist.items.get(code="O23")
    url = _url("oit-staff:item-status", checklist.organization, pk=item.pk)
    response = client.post(url, {"status": "ready"}, follow=True)
    assert "ยังไม่พร้อม" in response.content.decode()
    assert ChecklistItem.objects.get(pk=item.pk).status == S.MISSING


# --- the confirmation step ------------------------------------------------------
def test_submit_asks_for_confirmation_listing_what_is_not_ready(
    client, checklist, officer, fake_fetch
):
    client.force_login(officer)
    organization = checklist.organization
    _link(officer, checklist.items.get(code="O8"))
    o9 = checklist.items.get(code="O9")
    services.checklist_item_set_status(
        actor=officer, item=o9, status=S.NOT_READY, reason="รอคำสั่งแต่งตั้งฉบับใหม่"
    )
    checklist_page = client.get(
        _url("oit-staff:checklist", organization, fiscal_year=2569)
    ).content.decode()
    submit_url = _url("oit-staff:submit", organization, fiscal_year=2569)
    assert f'href="{submit_url}"' in checklist_page  # a step, not a one-click POST

    page = client.get(submit_url).content.decode()
    assert 'id="not-ready-O9"' in page and "รอคำสั่งแต่งตั้งฉบับใหม่" in page
    assert 'id="not-ready-O23"' in page and "ยังไม่มีแผนปฏิบัติการ" in page
    assert 'id="not-ready-O8"' not in page
    seen = ",".join(
        ChecklistItem.objects.filter(checklist=checklist)
        .exclude(status__in=(S.READY, S.SUBMITTED))
        .order_by("position")
        .values_list("code", flat=True)
    )
    assert f'value="{seen}"' in page

    # Without the confirmation: nothing happens.
    response = client.post(submit_url, {"not_ready_seen": seen})
    assert response.status_code == 400
    assert "ยืนยัน" in response.content.decode()
    assert not Checklist.objects.get(pk=checklist.pk).is_submitted
    assert ChecklistItem.objects.get(checklist=checklist, code="O8").status == S.READY

    response = client.post(submit_url, {"not_ready_seen": seen, "confirm": "on"})
    assert response.status_code == 302
    assert Checklist.objects.get(pk=checklist.pk).is_submitted
    assert (
        ChecklistItem.objects.get(checklist=checklist, code="O8").status == S.SUBMITTED
    )


# --- executives read -------------------------------------------------------------
@pytest.mark.parametrize("position", ["นายก", "ปลัด"])
def test_executives_read_the_checklist_without_edit_buttons(
    client, checklist, officer, position
):
    organization = checklist.organization
    item = checklist.items.get(code="O8")
    _link(officer, item)
    executive = _member(organization, Role.EXECUTIVE.value)
    client.force_login(executive)
    page = client.get(_url("oit-staff:checklist", organization, fiscal_year=2569))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="readiness"' in body and 'id="read-only"' in body
    assert "oit-staff:submit" not in body
    assert _url("oit-staff:submit", organization, fiscal_year=2569) not in body
    assert _url("oit-staff:link-check", organization, fiscal_year=2569) not in body
    assert "<form" not in body.split('id="readiness"')[1]

    page = client.get(_url("oit-staff:item", organization, pk=item.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="item-facts"' in body
    assert 'name="action"' not in body
    assert "/staff/oit/evidence/" not in body  # no "remove" buttons
    assert 'enctype="multipart/form-data"' not in body
    assert client.get(_url("oit-staff:index", organization)).status_code == 200
    assert (
        client.get(
            _url("oit-staff:export-csv", organization, fiscal_year=2569)
        ).status_code
        == 200
    )

    # ... and change nothing.
    url = _url("oit-staff:item", organization, pk=item.pk)
    assert client.post(url, {"action": "update"}).status_code == 403
    assert (
        client.post(
            _url("oit-staff:item-status", organization, pk=item.pk),
            {"status": "not_ready", "reason": "x"},
        ).status_code
        == 403
    )
    assert (
        client.get(_url("oit-staff:submit", organization, fiscal_year=2569)).status_code
        == 403
    )
    assert (
        client.post(
            _url("oit-staff:index", organization), {"fiscal_year": "2568"}
        ).status_code
        == 403
    )
    assert not Checklist.objects.filter(fiscal_year=2568).exists()


def test_staff_without_a_role_still_cannot_read(client, checklist):
    client.force_login(_member(checklist.organization, Role.STAFF.value))
    url = _url("oit-staff:checklist", checklist.organization, fiscal_year=2569)
    assert client.get(url).status_code == 403


# --- every year on the public page ------------------------------------------------
def _submitted_2568(organization, officer):
    checklist = services.checklist_open(
        actor=officer, organization=organization, fiscal_year=2568
    )
    _link(officer, checklist.items.get(code="O8"), "https://example.org/2568.pdf")
    from prongsai.oit.services_submission import checklist_submit

    return checklist_submit(
        actor=officer,
        checklist=checklist,
        fetch_options={
            "fetcher": lambda path, **_: linkcheck.FetchResult(
                path, 200, path, 0, "h", 1, 1
            )
        },
    )


def test_the_public_page_keeps_every_year(client, frameworks, organization, officer):
    _submitted_2568(organization, officer)
    public = _url("portal-public:oit", organization)
    # Opening the new year's checklist hides nothing of last year's.
    services.checklist_open(actor=officer, organization=organization, fiscal_year=2569)
    body = client.get(public).content.decode()
    assert 'id="oit-years"' in body
    assert f"{public}?year=2568" in body and f"{public}?year=2569" in body

    response = client.get(public, {"year": "2568"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "https://example.org/2568.pdf" in body
    assert "2568" in body.split('aria-current="page"')[1][:40] or (
        'aria-current="page">' in body
    )
    response = client.get(public, {"year": "2569"})
    assert response.status_code == 200
    assert "https://example.org/2568.pdf" not in response.content.decode()
    # The path form still works.
    response = client.get(
        _url("portal-public:oit-year", organization, fiscal_year=2568)
    )
    assert "https://example.org/2568.pdf" in response.content.decode()


@pytest.mark.parametrize("year", ["2550", "abc", "99999999999"])
def test_an_unknown_year_is_a_clear_404(client, checklist, year):
    response = client.get(
        _url("portal-public:oit", checklist.organization), {"year": year}
    )
    assert response.status_code == 404
    body = response.content.decode()
    assert 'id="unknown-year"' in body
    assert "ไม่มีข้อมูล ITA/OIT" in body
    assert 'id="oit-years"' in body  # and where to go instead


def test_a_submitted_year_shows_the_links_submitted_whatever_happened_since(
    client, frameworks, organization, officer, django_capture_on_commit_callbacks
):
    """The FY2569 analysis link was submitted; unpublishing the report later
    changes the live evidence, not what the page says was submitted."""
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    report = analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary="สรุป",
        measures=[{"title": "ปรับปรุงเว็บไซต์", "responsible_unit": "สำนักปลัด"}],
        prepared_by_name="นางสาวศิริพร ใจซื่อ",
        approver_name="นายสมศักดิ์ รักษ์ถิ่น",
    )
    analysis_report_publish(
        actor=None, report=report, snapshot=report_snapshot(report), pdf=b"%PDF-1.4"
    )
    checklist = services.checklist_open(
        actor=officer, organization=organization, fiscal_year=2569
    )
    assert checklist.items.get(code="O25").status == S.READY
    from prongsai.oit.services_submission import checklist_submit

    checklist_submit(
        actor=officer,
        checklist=checklist,
        fetch_options={
            "fetcher": lambda path, **_: linkcheck.FetchResult(
                path, 200, path, 0, "h", 1, 1
            )
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        analysis_report_unpublish(actor=officer, report=report)
    body = client.get(
        _url("portal-public:oit", organization), {"year": "2569"}
    ).content.decode()
    assert 'href="/bandong/ita/2568/"' in body
