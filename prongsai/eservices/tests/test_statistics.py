"""Statistics: the pure module, the selectors built on it and the exports."""

import io
import threading
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from prongsai.core.testing import fetch_document
from prongsai.eservices import services_workflow
from prongsai.eservices.models import ServiceRequest, Status
from prongsai.eservices.selectors import (
    ESERVICE_DATASET_FIELDS,
    eservice_dataset_list_rows,
    eservice_dataset_list_years,
    eservice_statistics_get,
)
from prongsai.eservices.statistics import Record, build_report, fiscal_months
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

BKK = timezone.get_fixed_timezone(420)


def _record(service="ก", status="completed", day=date(2025, 11, 3), hours=48, **kw):
    received = datetime.combine(day, datetime.min.time(), BKK)
    closed = (
        received + timedelta(hours=hours)
        if status in ("completed", "rejected")
        else None
    )
    return Record(
        service=service,
        status=status,
        received=day,
        received_at=received,
        closed_at=closed,
        due_at=kw.pop("due_at", received + timedelta(days=3)),
        **kw,
    )


def test_report_counts_in_time_mean_median_jumps_and_satisfaction():
    records = [
        _record(hours=24, ratings=(5,)),
        _record(hours=48, ratings=(4,)),
        _record(hours=120, jumped=True, ratings=(1,)),  # late
        _record(status="rejected"),
        _record(status="in_progress"),
        _record(service="ข", day=date(2026, 2, 1), hours=12),
    ]
    report = build_report(records, fiscal_year=2569)
    total = report.total
    assert total.received == 6
    assert total.completed == 4
    assert total.rejected == 1
    assert total.in_time == 3
    assert total.queue_jumps == 1
    assert total.mean_days == pytest.approx((1 + 2 + 5 + 0.5) / 4, abs=0.01)
    assert total.median_days == pytest.approx(1.5)
    assert total.satisfaction == pytest.approx(10 / 3, abs=0.01)
    assert total.in_time_percent == 75.0
    assert report.by_quarter[1].received == 5
    assert report.by_quarter[2].received == 1
    assert report.by_month[date(2025, 11, 1)].received == 5
    assert report.by_service["ข"].completed == 1
    assert report.by_service_month[("ก", date(2025, 11, 1))].queue_jumps == 1


def test_records_of_other_fiscal_years_are_left_out():
    report = build_report([_record(day=date(2025, 9, 30))], fiscal_year=2569)
    assert report.total.received == 0
    assert report.total.mean_days is None and report.total.satisfaction is None


def test_fiscal_months_run_october_to_september():
    months = fiscal_months(2569)
    assert months[0] == date(2025, 10, 1) and months[-1] == date(2026, 9, 1)


@pytest.mark.django_db
def test_selector_statistics_follow_the_workflow(organization):
    service = ServiceFactory(organization=organization, time_limit_days=3)
    officer = MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    ).user
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=BKK)
    with time_machine.travel(t0, tick=False):
        quick = file_request(service)
        slow = file_request(service)
        waiting = file_request(service)

    def move(request, status, reason=""):
        services_workflow.request_transition(
            actor=officer, request=request, to_status=status, reason=reason
        )

    with time_machine.travel(t0 + timedelta(days=1), tick=False):
        move(quick, Status.IN_PROGRESS)
        move(quick, Status.COMPLETED)
        move(waiting, Status.WAITING, reason="ขอเอกสาร")
    with time_machine.travel(t0 + timedelta(days=4), tick=False):
        move(slow, Status.IN_PROGRESS)
        move(slow, Status.COMPLETED)
        move(waiting, Status.IN_PROGRESS)
    with time_machine.travel(t0 + timedelta(days=5), tick=False):
        # Three days of waiting moved its deadline: still in time.
        move(waiting, Status.COMPLETED)
    services_workflow.request_rate(
        request=ServiceRequest.objects.get(pk=quick.pk), score=5
    )
    report = eservice_statistics_get(organization=organization, fiscal_year=2569)
    assert report.total.received == 3
    assert report.total.completed == 3
    assert report.total.in_time == 2
    assert report.total.median_days == pytest.approx(4)
    assert report.total.satisfaction == 5
    assert eservice_dataset_list_years(organization=organization) == [2569]
    rows = eservice_dataset_list_rows(organization=organization, fiscal_year=2569)
    assert rows == [
        {
            "service": service.name,
            "month": "2026-03",
            "received": 3,
            "completed": 3,
            "rejected": 0,
            "in_time": 2,
            "mean_days": pytest.approx(3.33, abs=0.01),
            "median_days": pytest.approx(4),
            "queue_jumps": 0,
            "ratings": 1,
            "satisfaction": 5,
        }
    ]
    assert [key for key, _label in ESERVICE_DATASET_FIELDS] == list(rows[0])


@pytest.mark.django_db
def test_statistics_are_per_organisation(organization, other_organization):
    file_request(ServiceFactory(organization=other_organization))
    fy = eservice_dataset_list_years(organization=other_organization)[0]
    assert (
        eservice_statistics_get(
            organization=organization, fiscal_year=fy
        ).total.received
        == 0
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_exports(client, organization, fmt):
    service = ServiceFactory(organization=organization)
    file_request(service)
    officer = MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    ).user
    client.force_login(officer)
    fy = eservice_dataset_list_years(organization=organization)[0]
    url = reverse("eservices-staff:statistics", kwargs={"org": organization.slug})
    response = fetch_document(client, url, {"year": fy, "format": fmt})
    assert response.status_code == 200
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(response.content))
        assert "จำแนกตามบริการ" in book.sheetnames
        values = [c.value for row in book["จำแนกตามบริการ"].iter_rows() for c in row]
        assert service.name in values
    else:
        assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_manual_pdf(client, organization):
    service = ServiceFactory(organization=organization)
    response = client.get(service.get_absolute_url(), {"format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_concurrent_filings_never_share_a_code_or_a_queue_number(postgres_only):
    """Twelve citizens file at the same moment on PostgreSQL."""
    from django.db import connection

    from prongsai.organizations.tests.factories import OrganizationFactory

    organization = OrganizationFactory()
    service = ServiceFactory(organization=organization)
    barrier = threading.Barrier(12)
    errors = []

    def worker():
        try:
            barrier.wait()
            file_request(service)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(ServiceRequest.objects.values_list("tracking_code", "sequence"))
    assert len(rows) == 12
    assert len({code for code, _seq in rows}) == 12
    assert sorted(seq for _code, seq in rows) == list(range(1, 13))
