"""Case references: C<fiscal year>-<number>, numbered past 9,999 without repeats."""

import datetime
import importlib
import threading

import pytest
from django.utils import timezone

from prongsai.complaints import services_confidential
from prongsai.complaints.models import Case
from prongsai.complaints.tests.factories import CaseFactory, submit_streetlight
from prongsai.core.models import Sequence
from prongsai.organizations.tests.factories import OrganizationFactory

FY = 2570
IN_FY_2570 = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=datetime.UTC)
IN_FY_2571 = datetime.datetime(2027, 11, 1, 10, 0, tzinfo=datetime.UTC)


def submit(organization, *, when=IN_FY_2570):
    return submit_streetlight(organization, received_at=when)


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: IN_FY_2570)


@pytest.mark.django_db
def test_numbering_continues_at_10000_and_10001(organization):
    CaseFactory(organization=organization, reference=f"C{FY}-9999")
    CaseFactory(organization=organization, reference=f"C{FY}-0005")
    assert submit(organization).reference == f"C{FY}-10000"
    assert submit(organization).reference == f"C{FY}-10001"
    assert submit(organization).reference == f"C{FY}-10002"


@pytest.mark.django_db
def test_counter_takes_over_after_10000(organization):
    """Once C2570-10000 exists, text order would give 9999 + 1 again."""
    for number in (9998, 9999, 10000, 10001):
        CaseFactory(organization=organization, reference=f"C{FY}-{number}")
    assert submit(organization).reference == f"C{FY}-10002"


@pytest.mark.django_db
def test_first_case_of_a_year_is_0001(organization, other_organization):
    assert submit(organization).reference == f"C{FY}-0001"
    assert submit(organization).reference == f"C{FY}-0002"
    assert submit(organization, when=IN_FY_2571).reference == f"C{FY + 1}-0001"
    assert submit(other_organization).reference == f"C{FY}-0001"
    report, _code = services_confidential.confidential_submit(
        organization=organization, description="เจ้าหน้าที่เรียกรับเงิน"
    )
    assert report.reference == f"R{FY}-0001"
    assert submit(organization).reference == f"C{FY}-0003"


@pytest.mark.django_db
def test_a_deleted_case_number_is_not_given_again(organization):
    submit(organization)
    last = submit(organization)
    last.delete()  # e.g. a confidential report purged after its retention
    assert submit(organization).reference == f"C{FY}-0003"


@pytest.mark.django_db
def test_migration_starts_counters_at_the_highest_number(
    organization, other_organization, migration_apps
):
    for reference in (f"C{FY}-0009", f"C{FY}-10000", f"C{FY}-9999", f"R{FY}-0002"):
        CaseFactory(organization=organization, reference=reference)
    CaseFactory(organization=other_organization, reference=f"C{FY - 1}-0042")
    migration = importlib.import_module(
        "prongsai.complaints.migrations.0006_reference_counters"
    )
    migration.start_counters(migration_apps, None)
    counters = set(
        Sequence.objects.values_list(
            "organization", "name", "fiscal_year", "last_value"
        )
    )
    assert counters == {
        (organization.pk, "complaints.case.C", FY, 10000),
        (organization.pk, "complaints.case.R", FY, 2),
        (other_organization.pk, "complaints.case.C", FY - 1, 42),
    }
    assert submit(organization).reference == f"C{FY}-10001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_cases_get_unique_consecutive_references(postgres_only):
    """Ten citizens file a complaint with the same organisation at once."""
    from django.db import connection

    organization = OrganizationFactory()
    barrier = threading.Barrier(10)
    errors = []

    def worker():
        try:
            barrier.wait()
            submit(organization)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = sorted(
        Case.objects.filter(organization=organization).values_list(
            "reference", flat=True
        )
    )
    assert references == [f"C{FY}-{n:04d}" for n in range(1, 11)]
