"""Results pages: who may see and change what, the quick status edit, photos,
the reports, and the public "งบประมาณของเรา" pages (no personal data, a
bounded number of queries whatever the number of projects)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prongsai.budget import services_results
from prongsai.budget.models import ProjectPhoto, ProjectYear
from prongsai.budget.tests.factories import (
    BudgetLineFactory,
    CommitmentFactory,
    ProjectFactory,
    ProjectYearFactory,
)
from prongsai.core.testing import fetch_document
from prongsai.organizations.roles import Role
from prongsai.procurement.tests.factories import ProcurementFactory, SupplierFactory

from .results_fixtures import YEAR, build_year, member
from .tenancy_results import png_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(organization):
    return build_year(organization)


@pytest.fixture
def planner(organization):
    return member(organization, Role.PLANNING_OFFICER).user


@pytest.fixture
def finance(organization):
    return member(organization, Role.FINANCE_OFFICER, "การเงิน ดี").user


def staff_url(name, organization, **kwargs):
    return reverse(f"budget-staff:{name}", kwargs={"org": organization.slug, **kwargs})


def public_url(name, organization, **kwargs):
    return reverse(f"budget-public:{name}", kwargs={"org": organization.slug, **kwargs})


# --- staff ----------------------------------------------------------------------


def test_home_redirects_to_a_year_with_data(client, planner, year):
    client.force_login(planner)
    response = client.get(staff_url("results", year.organization))
    assert response.status_code == 302
    # The plan (2566-2570) covers this fiscal year.
    assert "/staff/budget/results/25" in response["Location"]


def test_home_without_any_plan_or_budget(client, planner, organization):
    client.force_login(planner)
    response = client.get(staff_url("results", organization))
    assert response.status_code == 200
    assert "ยังไม่มีโครงการตามแผน" in response.content.decode()


def test_a_year_without_plan_or_budget_is_404(client, planner, year):
    client.force_login(planner)
    for fiscal_year in (2580, 2400):
        url = staff_url("results-year", year.organization, fiscal_year=fiscal_year)
        assert client.get(url).status_code == 404


def test_year_page_lists_projects_with_status_and_money(client, planner, year):
    client.force_login(planner)
    response = client.get(
        staff_url("results-year", year.organization, fiscal_year=YEAR)
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert year.road.name in body and year.elderly.name in body
    assert "600,000.00" in body  # in force after the supplementary budget
    assert 'name="status"' in body


def test_staff_without_a_budget_role_is_refused(client, organization, year):
    clerk = member(organization, Role.STAFF, "พนักงาน ทั่วไป").user
    client.force_login(clerk)
    response = client.get(
        staff_url("results-year", year.organization, fiscal_year=YEAR)
    )
    assert response.status_code == 403


def test_viewer_sees_but_cannot_change(client, finance, year):
    client.force_login(finance)
    page = client.get(
        staff_url(
            "results-project", year.organization, fiscal_year=YEAR, pk=year.road.pk
        )
    )
    assert page.status_code == 200 and 'name="output"' not in page.content.decode()
    response = client.post(
        staff_url(
            "results-status", year.organization, fiscal_year=YEAR, pk=year.road.pk
        ),
        {"status": "completed"},
    )
    assert response.status_code == 403


def test_quick_status_edit(client, planner, year):
    client.force_login(planner)
    response = client.post(
        staff_url(
            "results-status", year.organization, fiscal_year=YEAR, pk=year.road.pk
        ),
        {"status": "in_progress"},
        follow=True,
    )
    assert response.status_code == 200
    row = ProjectYear.objects.get(
        organization=year.organization, project=year.road, fiscal_year=YEAR
    )
    assert row.status == "in_progress"
    bad = client.post(
        staff_url(
            "results-status", year.organization, fiscal_year=YEAR, pk=year.road.pk
        ),
        {"status": "done!"},
        follow=True,
    )
    assert "สถานะ" in bad.content.decode() or "status" in bad.content.decode()


def test_result_form_keeps_what_was_typed_on_error(client, planner, year):
    client.force_login(planner)
    url = staff_url(
        "results-project", year.organization, fiscal_year=YEAR, pk=year.road.pk
    )
    response = client.post(
        url, {"status": "not_started", "output": "ถนนยาว 420 เมตร", "problems": "ฝน"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "ถนนยาว 420 เมตร" in body and "is-invalid" in body
    ok = client.post(
        url, {"status": "completed", "output": "ถนนยาว 420 เมตร", "result": "สะดวก"}
    )
    assert ok.status_code == 302


def test_photo_upload_and_corrupt_file(client, planner, year, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(planner)
    url = staff_url(
        "results-photo-add", year.organization, fiscal_year=YEAR, pk=year.road.pk
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(
        url,
        {
            "image": SimpleUploadedFile("x.png", b"GIF89a broken", "image/png"),
            "caption": "ก่อนทำ",
        },
    )
    assert bad.status_code == 200
    body = bad.content.decode()
    assert "ก่อนทำ" in body
    assert not ProjectPhoto.objects.for_organization(year.organization).exists()
    ok = client.post(url, {"image": png_file(), "caption": "หลังทำ"})
    assert ok.status_code == 302
    photo = ProjectPhoto.objects.for_organization(year.organization).get()
    assert photo.fiscal_year == YEAR
    delete = client.post(
        staff_url("results-photo-delete", year.organization, pk=photo.pk)
    )
    assert delete.status_code == 302
    assert not ProjectPhoto.objects.for_organization(year.organization).exists()


def test_report_page_save_publish_and_download(client, planner, year):
    client.force_login(planner)
    services_results.project_status_set(
        actor=planner,
        organization=year.organization,
        project=year.road,
        fiscal_year=YEAR,
        status="completed",
    )
    url = staff_url(
        "results-report", year.organization, fiscal_year=YEAR, kind="annual"
    )
    assert client.get(url).status_code == 200
    saved = client.post(url, {"problems": "ฝนตกชุก", "recommendations": "เริ่มก่อนฤดูฝน"})
    assert saved.status_code == 302
    docx = fetch_document(
        client,
        staff_url(
            "results-report-download",
            year.organization,
            fiscal_year=YEAR,
            kind="annual",
            extension="docx",
        ),
    )
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    published = client.post(
        staff_url(
            "results-report-publish", year.organization, fiscal_year=YEAR, kind="annual"
        )
    )
    assert published.status_code == 302
    pdf = fetch_document(
        client,
        public_url(
            "report",
            year.organization,
            fiscal_year=YEAR,
            kind="annual",
            extension="pdf",
        ),
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    public_docx = client.get(
        public_url(
            "report",
            year.organization,
            fiscal_year=YEAR,
            kind="annual",
            extension="docx",
        )
    )
    assert public_docx.status_code == 200
    assert public_docx["X-Public-Document"] == "made"
    kept = client.get(
        public_url(
            "report",
            year.organization,
            fiscal_year=YEAR,
            kind="annual",
            extension="docx",
        )
    )
    assert kept["X-Public-Document"] == "stored"
    assert b"".join(kept.streaming_content) == public_docx.content
    assert (
        client.get(
            public_url(
                "report",
                year.organization,
                fiscal_year=YEAR,
                kind="follow_up",
                extension="pdf",
            )
        ).status_code
        == 404
    )


# --- public ----------------------------------------------------------------------


def test_public_index_lists_the_years(client, year):
    response = client.get(public_url("index", year.organization))
    body = response.content.decode()
    assert response.status_code == 200
    assert "1,900,000.00" in body and "/budget/2569/" in body


def test_public_year_page(client, year):
    response = client.get(public_url("year", year.organization, fiscal_year=YEAR))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body  # the chart
    assert "ด้านโครงสร้างพื้นฐาน" in body and "แผนงานบริหารงานทั่วไป" in body
    assert year.road.name in body and year.water.name in body
    points = json.loads(
        body.split('id="project-map-points" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    assert [p["name"] for p in points] == [year.road.name]
    assert "vendor/leaflet/leaflet.js" in body


def test_public_year_unknown_is_404(client, organization):
    assert (
        client.get(public_url("year", organization, fiscal_year=2580)).status_code
        == 404
    )
    assert (
        client.get(public_url("year", organization, fiscal_year=1999)).status_code
        == 404
    )


def test_public_project_page_shows_budget_contract_status(client, year, planner):
    services_results.project_result_update(
        actor=planner,
        organization=year.organization,
        project=year.road,
        fiscal_year=YEAR,
        status="in_progress",
        output="ลงผิวแล้ว 200 เมตร",
    )
    response = client.get(public_url("project", year.organization, pk=year.road.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "600,000.00" in body and "560,000.00" in body
    assert "ก.12/2569" in body and "ห้างหุ้นส่วนจำกัด ดงก่อสร้าง" in body
    assert year.contract.get_absolute_url() in body
    assert "อยู่ระหว่างดำเนินการ" in body or "In progress" in body
    # The unconfirmed suggestion and the supplier's tax ID are not shown.
    assert "ยังไม่ยืนยัน" not in body
    assert year.contract.supplier.tax_id not in body
    # Nobody's name: not the planner who recorded the status.
    assert planner.display_name not in body


def test_public_project_of_another_organisation_is_404(
    client, year, other_organization
):
    url = public_url("project", other_organization, pk=year.road.pk)
    assert client.get(url).status_code == 404


def _more_projects(year, count):
    supplier = SupplierFactory(organization=year.organization)
    for n in range(count):
        project = ProjectFactory(programme=year.road.programme, number=100 + n)
        ProjectYearFactory(project=project, fiscal_year=YEAR)
        line = BudgetLineFactory(budget=year.road_line.budget, project=project)
        CommitmentFactory(
            line=line,
            procurement=ProcurementFactory(
                organization=year.organization, fiscal_year=YEAR, supplier=supplier
            ),
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_public_year_page_queries_do_not_grow_with_projects(client, year):
    url = public_url("year", year.organization, fiscal_year=YEAR)
    _queries(client, url)  # warm caches (site settings, charts)
    before = _queries(client, url)
    _more_projects(year, 12)
    after = _queries(client, url)
    assert after == before
    assert before <= 25


def test_public_project_page_queries_do_not_grow_with_contracts(client, year):
    url = public_url("project", year.organization, pk=year.road.pk)
    _queries(client, url)
    before = _queries(client, url)
    for _ in range(6):
        CommitmentFactory(
            line=year.road_line,
            procurement=ProcurementFactory(
                organization=year.organization,
                fiscal_year=YEAR,
                supplier=SupplierFactory(organization=year.organization),
            ),
        )
    after = _queries(client, url)
    assert after == before
    assert before <= 25


def test_datapackage_describes_the_catalogue_csv(client, year):
    from prongsai.opendata import services as opendata_services

    url = public_url("datapackage", year.organization, fiscal_year=YEAR)
    assert client.get(url).status_code == 404  # not in the catalogue yet
    opendata_services.dataset_sync(actor=None, organization=year.organization)
    response = client.get(url)
    assert response.status_code == 200
    package = response.json()
    assert package["profile"] == "fiscal-data-package"
    resource = package["resources"][0]
    assert resource["path"].endswith(".csv")
    assert client.get(resource["path"]).status_code == 200
    assert package["model"]["measures"]["in_force"]["currency"] == "THB"
    assert package["fiscalPeriod"] == {"start": "2025-10-01", "end": "2026-09-30"}
