"""Results: status per year, photos, the reports' figures (money from
budget_money), publishing frozen, the OIT O7 provider and the datasets."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.budget import (
    datasets,
    documents_results,
    selectors_results,
    services_results,
)
from prongsai.budget.models import Project, ProjectPhoto, ProjectYear
from prongsai.budget.models_documents import ResultsReport
from prongsai.budget.oit_evidence_results import annual_report_evidence
from prongsai.core import publications
from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.organizations.roles import Role
from prongsai.plans.tests.test_publication import pdf_text

from .results_fixtures import YEAR, build_year, member
from .tenancy_results import png_file

pytestmark = pytest.mark.django_db

S = Project.Status


@pytest.fixture
def year(organization):
    return build_year(organization)


@pytest.fixture
def planner(organization):
    return member(organization, Role.PLANNING_OFFICER).user


def _done(year, planner, project, **extra):
    return services_results.project_result_update(
        actor=planner,
        organization=year.organization,
        project=project,
        fiscal_year=YEAR,
        status=extra.pop("status", S.COMPLETED),
        output=extra.pop("output", "ถนน คสล. กว้าง 5 เมตร ยาว 420 เมตร"),
        result=extra.pop("result", "ประชาชนสัญจรได้สะดวก"),
        problems=extra.pop("problems", ""),
    )


# --- status, output, result --------------------------------------------------------


def test_result_update_records_status_and_audits(year, planner):
    row = _done(year, planner, year.road, problems="  ฝนตกชุก  ")
    assert (row.status, row.output, row.problems) == (
        S.COMPLETED,
        "ถนน คสล. กว้าง 5 เมตร ยาว 420 เมตร",
        "ฝนตกชุก",
    )
    assert row.status_changed_by == planner and row.status_changed_at is not None
    event = AuditEvent.objects.filter(organization=year.organization).get(
        action="project_year.result"
    )
    assert event.changes["status"] == {"old": S.NOT_STARTED, "new": S.COMPLETED}


def test_saving_the_same_result_twice_audits_once(year, planner):
    _done(year, planner, year.road)
    _done(year, planner, year.road)
    assert (
        AuditEvent.objects.filter(organization=year.organization)
        .filter(action="project_year.result")
        .count()
        == 1
    )


def test_status_set_keeps_the_output(year, planner):
    _done(year, planner, year.road, status=S.IN_PROGRESS)
    row = services_results.project_status_set(
        actor=planner,
        organization=year.organization,
        project=year.road,
        fiscal_year=YEAR,
        status=S.COMPLETED,
    )
    assert row.status == S.COMPLETED and row.output.startswith("ถนน")


def test_not_started_cannot_carry_an_output(year, planner):
    _done(year, planner, year.road)
    with pytest.raises(DomainError) as error:
        services_results.project_status_set(
            actor=planner,
            organization=year.organization,
            project=year.road,
            fiscal_year=YEAR,
            status=S.NOT_STARTED,
        )
    assert error.value.field == "status"
    assert "ยังไม่" in str(error.value) or "not started" in str(error.value)


def test_unknown_status_is_refused(year, planner):
    with pytest.raises(DomainError):
        _done(year, planner, year.road, status="finished")


def test_year_outside_the_plan_is_refused(year, planner):
    with pytest.raises(DomainError) as error:
        services_results.project_status_set(
            actor=planner,
            organization=year.organization,
            project=year.road,
            fiscal_year=2590,
            status=S.IN_PROGRESS,
        )
    assert error.value.field == "fiscal_year"


def test_a_year_not_in_the_plan_rows_is_created(year, planner):
    services_results.project_status_set(
        actor=planner,
        organization=year.organization,
        project=year.water,
        fiscal_year=YEAR + 1,
        status=S.IN_PROGRESS,
    )
    row = ProjectYear.objects.get(
        organization=year.organization, project=year.water, fiscal_year=YEAR + 1
    )
    assert row.planned_amount == 0 and row.status == S.IN_PROGRESS


def test_another_organisations_project_is_refused(year, planner, other_organization):
    with pytest.raises(DomainError):
        services_results.project_status_set(
            actor=planner,
            organization=other_organization,
            project=year.road,
            fiscal_year=YEAR,
            status=S.COMPLETED,
        )


def test_cancelled_project_is_not_carried_out(year, planner):
    _done(year, planner, year.road)
    services_results.project_status_set(
        actor=planner,
        organization=year.organization,
        project=year.water,
        fiscal_year=YEAR,
        status=S.CANCELLED,
    )
    s = selectors_results.report_snapshot(
        organization=year.organization, kind="follow_up", fiscal_year=YEAR
    )
    assert (s["plan_project_count"], s["carried_out"], s["completed"]) == (3, 1, 1)
    counts = {c["key"]: c["count"] for c in s["status_counts"]}
    assert counts == {
        "not_started": 1,
        "in_progress": 0,
        "completed": 1,
        "cancelled": 1,
    }


# --- photos ----------------------------------------------------------------------


def test_photo_is_added_and_audited(year, planner):
    photo = services_results.project_photo_add(
        actor=planner,
        organization=year.organization,
        project=year.road,
        image=png_file(),
        caption=" ผิวถนนเสร็จ ",
        fiscal_year=YEAR,
    )
    assert photo.caption == "ผิวถนนเสร็จ" and photo.image.name.startswith("budget/")
    assert AuditEvent.objects.filter(organization=year.organization).filter(
        action="project_photo.add"
    )


def test_corrupt_photo_is_refused_in_thai(year, planner):
    with pytest.raises(DomainError) as error:
        services_results.project_photo_add(
            actor=planner,
            organization=year.organization,
            project=year.road,
            image=SimpleUploadedFile("x.jpg", b"not a picture", "image/jpeg"),
        )
    assert error.value.field == "image"
    assert not ProjectPhoto.objects.for_organization(year.organization).exists()


def test_photo_delete(year, planner):
    photo = services_results.project_photo_add(
        actor=planner,
        organization=year.organization,
        project=year.road,
        image=png_file(),
    )
    services_results.project_photo_delete(
        actor=planner, organization=year.organization, photo=photo
    )
    assert not ProjectPhoto.objects.for_organization(year.organization).exists()


def test_photo_of_another_organisation_cannot_be_deleted(
    year, planner, other_organization
):
    photo = services_results.project_photo_add(
        actor=planner,
        organization=year.organization,
        project=year.road,
        image=png_file(),
    )
    with pytest.raises(DomainError):
        services_results.project_photo_delete(
            actor=planner, organization=other_organization, photo=photo
        )


# --- the figures -------------------------------------------------------------------


def test_year_results_money_comes_from_budget_money(year):
    results = selectors_results.year_results(
        organization=year.organization, fiscal_year=YEAR
    )
    rows = {row.project.pk: row for row in results.rows}
    road = rows[year.road.pk]
    # 500,000 + 100,000 supplementary; the confirmed contract only.
    assert road.money.in_force == Decimal("600000")
    assert road.money.committed == Decimal("560000")
    assert road.money.disbursed == Decimal("350000")
    assert rows[year.water.pk].money.committed == 0  # suggested does not count
    assert results.total.in_force == Decimal("1900000")
    assert results.total.disbursed == Decimal("430000")


def test_strategy_results_split_linked_and_unlinked_lines(year, planner):
    _done(year, planner, year.road)
    results = selectors_results.year_results(
        organization=year.organization, fiscal_year=YEAR
    )
    strategies = selectors_results.strategy_results(results)
    assert [s.number for s in strategies] == [1, 2, 0]
    first, second, unlinked = strategies
    assert (first.projects, first.carried_out, first.carried_out_percent) == (
        2,
        1,
        Decimal("50.00"),
    )
    assert first.planned == Decimal("800000")
    assert first.money.in_force == Decimal("900000")
    assert second.money.in_force == 0 and second.projects == 1
    assert unlinked.money.in_force == Decimal("1000000")
    assert unlinked.money.disbursed == Decimal("80000")


def test_report_snapshot_holds_outputs_and_narrative(year, planner):
    _done(year, planner, year.road)
    services_results.results_report_save(
        actor=planner,
        organization=year.organization,
        kind="annual",
        fiscal_year=YEAR,
        problems="ฝนตกชุกช่วงก่อสร้าง",
        recommendations="ควรเริ่มก่อสร้างก่อนฤดูฝน",
    )
    s = selectors_results.report_snapshot(
        organization=year.organization, kind="annual", fiscal_year=YEAR
    )
    assert s["title"] == "รายงานผลการดำเนินงานประจำปี ปีงบประมาณ พ.ศ. 2569" or (
        s["title"].endswith("ปีงบประมาณ พ.ศ. 2569")
    )
    road = next(p for p in s["projects"] if p["id"] == year.road.pk)
    assert road["output"].startswith("ถนน") and road["disbursed"] == "350000.00"
    assert s["budget_disbursed"] == "430000.00"
    assert s["recommendations"] == "ควรเริ่มก่อสร้างก่อนฤดูฝน"


def test_report_save_rejects_unknown_fields_and_kinds(year, planner):
    with pytest.raises(TypeError):
        services_results.results_report_save(
            actor=planner,
            organization=year.organization,
            kind="annual",
            fiscal_year=YEAR,
            budget="1",
        )
    with pytest.raises(DomainError):
        services_results.results_report_save(
            actor=planner, organization=year.organization, kind="x", fiscal_year=YEAR
        )


# --- documents and publishing ---------------------------------------------------


def test_pdf_and_docx_of_both_reports(year, planner):
    _done(year, planner, year.road)
    for kind in ("annual", "follow_up"):
        s = selectors_results.report_snapshot(
            organization=year.organization, kind=kind, fiscal_year=YEAR
        )
        pdf = documents_results.report_pdf(s)
        text = pdf_text(pdf)
        assert "ด้านโครงสร้างพื้นฐาน" in text
        docx = documents_results.report_docx(s)
        import zipfile

        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            xml = archive.read("word/document.xml").decode()
            assert "ด้านโครงสร้างพื้นฐาน" in xml
            assert any(n.startswith("word/media/") for n in archive.namelist())
        if kind == "annual":
            assert "สายบ้านดง-หนองบัว" in xml
        else:
            assert "สายบ้านดง-หนองบัว" not in xml


def _publish(year, planner):
    """Publish the annual report of ``YEAR``."""
    return services_results.results_report_publish(
        actor=planner, organization=year.organization, kind="annual", fiscal_year=YEAR
    )


def _withdraw(year, planner):
    services_results.results_report_withdraw(
        actor=planner, organization=year.organization, kind="annual", fiscal_year=YEAR
    )


def test_publish_freezes_the_report(year, planner):
    _done(year, planner, year.road)
    publication = _publish(year, planner)
    assert publication.pdf and publication.snapshot["completed"] == 1
    _done(year, planner, year.water)
    current = selectors_results.published_report(
        organization=year.organization, kind="annual", fiscal_year=YEAR
    )
    assert current.pk == publication.pk and current.snapshot["completed"] == 1
    _publish(year, planner)  # the water project's result changed the snapshot
    with pytest.raises(DomainError):  # nothing changed since
        _publish(year, planner)


def test_publish_needs_statuses(year, planner):
    with pytest.raises(DomainError):
        _publish(year, planner)


def test_publish_needs_projects(organization, planner):
    with pytest.raises(DomainError):
        services_results.results_report_publish(
            actor=planner, organization=organization, kind="annual", fiscal_year=2580
        )


def test_withdraw(year, planner):
    _done(year, planner, year.road)
    _publish(year, planner)
    _withdraw(year, planner)
    report = ResultsReport.objects.get(organization=year.organization, kind="annual")
    assert publications.publication_current(report) is None
    with pytest.raises(DomainError):
        _withdraw(year, planner)


# --- OIT O7 ------------------------------------------------------------------------


def test_o7_wants_the_previous_years_published_report(year, planner):
    result = annual_report_evidence(year.organization, YEAR + 1)
    assert result.placeholder and not result.checks[0].passed
    assert "2569" in result.checks[0].message_th
    _done(year, planner, year.road)
    _publish(year, planner)
    result = annual_report_evidence(year.organization, YEAR + 1)
    assert not result.placeholder
    assert not result.checks[0].passed  # no problems or recommendations yet
    assert "ข้อเสนอแนะ" in result.checks[0].message_th
    services_results.results_report_save(
        actor=planner,
        organization=year.organization,
        kind="annual",
        fiscal_year=YEAR,
        problems="ฝนตกชุก",
        recommendations="เริ่มก่อนฤดูฝน",
    )
    _publish(year, planner)
    result = annual_report_evidence(year.organization, YEAR + 1)
    assert result.checks[0].passed
    assert "430,000.00 บาท" in result.checks[0].message_th
    assert result.url.endswith("/budget/2569/reports/annual.pdf")
    # The year's own report is not the evidence of that year.
    assert annual_report_evidence(year.organization, YEAR).placeholder


# --- open data -----------------------------------------------------------------------


def test_budget_line_dataset(year):
    assert datasets.BUDGET_LINES.years(organization=year.organization) == [YEAR]
    rows = list(
        datasets.budget_line_rows(organization=year.organization, fiscal_year=YEAR)
    )
    assert len(rows) == 3
    road = next(r for r in rows if r["project"] == year.road.name)
    assert (road["in_force"], road["committed"], road["disbursed"]) == (
        Decimal("600000"),
        Decimal("560000"),
        Decimal("350000"),
    )
    assert road["strategy"] == "1. ด้านโครงสร้างพื้นฐาน"
    assert set(rows[0]) == set(datasets.BUDGET_LINES.field_keys())
    assert datasets.BUDGET_LINES.last_modified(
        organization=year.organization, fiscal_year=YEAR
    )


def test_project_dataset_has_status_in_thai(year, planner):
    _done(year, planner, year.road)
    rows = list(datasets.project_rows(organization=year.organization, fiscal_year=YEAR))
    road = next(r for r in rows if r["project"] == year.road.name)
    assert road["status"] == "ดำเนินการแล้วเสร็จ"
    assert road["latitude"] == Decimal("16.432100")
    assert set(road) == set(datasets.PLAN_PROJECTS.field_keys())
    assert datasets.PLAN_PROJECTS.years(organization=year.organization) == [
        YEAR + 1,
        YEAR,
    ]


def test_monthly_dataset_runs_per_programme(year):
    rows = list(datasets.monthly_rows(organization=year.organization, fiscal_year=YEAR))
    housing = [r for r in rows if r["programme"] == "แผนงานเคหะและชุมชน"]
    assert [(str(r["month"]), r["disbursed"], r["cumulative"]) for r in housing] == [
        ("2026-01-01", Decimal("200000"), Decimal("200000")),
        ("2026-03-01", Decimal("150000"), Decimal("350000")),
    ]
    assert datasets.MONTHLY_SPENDING.years(organization=year.organization) == [YEAR]


def test_datasets_are_registered():
    from prongsai.opendata import registry

    for key in ("budget-lines", "plan-projects", "budget-spending-monthly"):
        assert registry.get(key) is not None
