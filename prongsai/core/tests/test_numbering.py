"""Running numbers: one locked counter per organisation, numbering and year."""

import threading

import pytest

from prongsai.core import numbering
from prongsai.core.models import Sequence
from prongsai.organizations.tests.factories import OrganizationFactory


@pytest.mark.django_db
def test_numbers_count_up_from_one_per_organization_and_year(
    organization, other_organization
):
    take = numbering.next_number
    assert take(organization=organization, name="x", fiscal_year=2570) == 1
    assert take(organization=organization, name="x", fiscal_year=2570) == 2
    assert take(organization=organization, name="x", fiscal_year=2571) == 1
    assert take(organization=organization, name="y", fiscal_year=2570) == 1
    assert take(organization=other_organization, name="x", fiscal_year=2570) == 1
    assert take(organization=organization.pk, name="x", fiscal_year=2570) == 3
    assert (
        numbering.peek_number(organization=organization, name="x", fiscal_year=2570)
        == 3
    )
    assert numbering.peek_number(organization=organization, name="z") == 0


@pytest.mark.django_db
def test_counter_goes_past_9999_as_a_number(organization):
    Sequence.objects.create(organization=organization, name="x", last_value=9999)
    assert numbering.next_number(organization=organization, name="x") == 10000
    assert numbering.next_number(organization=organization, name="x") == 10001


@pytest.mark.django_db
def test_a_new_counter_starts_after_the_numbers_in_use(organization):
    calls = []

    def in_use():
        calls.append(1)
        return 41

    assert (
        numbering.next_number(organization=organization, name="x", start=in_use) == 42
    )
    assert (
        numbering.next_number(organization=organization, name="x", start=in_use) == 43
    )
    assert calls == [1]  # asked only when the counter is made


def test_highest_number_compares_numbers_not_text():
    values = ["C2570-0009", "C2570-9999", "C2570-10000", "C2569-99999", "C2570-x"]
    assert numbering.highest_number(values, prefix="C2570-") == 10000
    assert numbering.highest_number([], prefix="C2570-") == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbers_are_unique_and_consecutive(postgres_only):
    """Twelve requests take a number of a new counter at the same moment."""
    from django.db import connection, transaction

    organization = OrganizationFactory()
    barrier = threading.Barrier(12)
    numbers, errors = [], []

    def worker():
        try:
            barrier.wait()
            with transaction.atomic():
                numbers.append(
                    numbering.next_number(
                        organization=organization, name="x", fiscal_year=2570
                    )
                )
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
    assert sorted(numbers) == list(range(1, 13))
