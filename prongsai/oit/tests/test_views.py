"""OIT back office over HTTP: permissions, item page, evidence, export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.accounts.tests.factories import UserFactory
from prongsai.oit.models import ChecklistItem, Evidence
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("upload_only_items")]


def _member(organization, *roles):
    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


def _url(name, organization, **kwargs):
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.DATA_OFFICER, 200),
        (Role.ITA_COORDINATOR, 200),
        (Role.ORG_ADMIN, 200),
        (Role.EXECUTIVE, 200),  # reads, read-only (issue #15)
        (Role.STAFF, 403),
    ],
)
def test_who_may_work_on_the_checklist(client, checklist, role, status):
    client.force_login(_member(checklist.organization, role.value))
    url = _url("oit-staff:checklist", checklist.organization, fiscal_year=2569)
    assert client.get(url).status_code == status


def test_open_a_checklist_from_the_index(client, frameworks, organization, officer):
    client.force_login(officer)
    response = client.post(
        _url("oit-staff:index", organization), {"fiscal_year": "2568"}
    )
    assert response.status_code == 302
    assert ChecklistItem.objects.filter(checklist__fiscal_year=2568).count() == 27


def test_checklist_page_shows_readiness_and_missing_items(client, checklist, officer):
    client.force_login(officer)
    body = client.get(
        _url("oit-staff:checklist", checklist.organization, fiscal_year=2569)
    ).content.decode()
    assert 'id="readiness"' in body
    # Items whose records already pass their checks are ready from the start.
    done = checklist.items.filter(status=ChecklistItem.Status.READY).count()
    assert f"{done} / 26" in body
    assert "O26" in body


def test_upload_evidence_keeps_input_on_error_and_saves_when_valid(
    client, checklist, officer
):
    client.force_login(officer)
    item = checklist.items.get(code="O23")
    url = _url("oit-staff:item", checklist.organization, pk=item.pk)
    response = client.post(url, {"action": "upload", "upload-title": "แผนปฏิบัติการ 2569"})
    assert response.status_code == 200
    assert "แผนปฏิบัติการ 2569" in response.content.decode()
    response = client.post(
        url,
        {
            "action": "upload",
            "upload-title": "แผนปฏิบัติการ 2569",
            "upload-file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4"),
            "upload-covers_fiscal_year": "2569",
            "upload-approved_by_name": "นายก",
            "upload-approved_on": "2025-10-15",
        },
    )
    assert response.status_code == 302
    assert Evidence.objects.filter(item=item).count() == 1
    response = client.post(
        _url("oit-staff:item-status", checklist.organization, pk=item.pk),
        {"status": "ready"},
    )
    item.refresh_from_db()
    assert item.status == ChecklistItem.Status.READY


def test_marking_ready_too_early_shows_what_is_missing(client, checklist, officer):
    client.force_login(officer)
    item = checklist.items.get(code="O8")
    response = client.post(
        _url("oit-staff:item-status", checklist.organization, pk=item.pk),
        {"status": "ready"},
        follow=True,
    )
    assert "ยังไม่มีหลักฐาน" in response.content.decode()


def test_export_lists_every_item_with_urls(client, checklist, officer):
    client.force_login(officer)
    item = checklist.items.get(code="O1")
    response = client.get(
        _url("oit-staff:export-xlsx", checklist.organization, fiscal_year=2569)
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "O1" in values
    assert any(isinstance(v, str) and "/bandong/structure/" in v for v in values)
    item.explanation = '=HYPERLINK("http://x")'
    item.save()
    csv = client.get(
        _url("oit-staff:export-csv", checklist.organization, fiscal_year=2569)
    )
    assert csv.content.startswith(b"\xef\xbb\xbf")
    assert "filename*=UTF-8''OIT-" in csv["Content-Disposition"]
    assert '\'=HYPERLINK(""http://x"")' in csv.content.decode("utf-8-sig")


def test_other_organisations_item_is_404(client, checklist, other_organization):
    outsider = _member(other_organization, Role.DATA_OFFICER.value)
    client.force_login(outsider)
    item = checklist.items.first()
    assert (
        client.get(_url("oit-staff:item", other_organization, pk=item.pk)).status_code
        == 404
    )
    assert (
        client.get(
            _url("oit-staff:checklist", checklist.organization, fiscal_year=2569)
        )
    ).status_code == 404
