"""Queue numbers come from the shared running-number counter (core.numbering)."""

import pytest

from prongsai.core.models import Sequence
from prongsai.eservices.services_filing import request_numbering
from prongsai.eservices.tests.factories import ServiceFactory, file_request


@pytest.mark.django_db
def test_queue_numbers_count_per_service_and_go_past_9999(organization):
    service = ServiceFactory(organization=organization)
    other = ServiceFactory(organization=organization)
    assert file_request(service).sequence == 1
    assert file_request(other).sequence == 1
    Sequence.objects.filter(name=request_numbering(service)).update(last_value=9999)
    assert file_request(service).sequence == 10000
    assert file_request(service).sequence == 10001
    assert file_request(other).sequence == 2


@pytest.mark.django_db
def test_a_missing_counter_starts_after_the_highest_queue_number(organization):
    service = ServiceFactory(organization=organization)
    file_request(service)
    file_request(service)
    Sequence.objects.all().delete()  # e.g. requests restored without counters
    assert file_request(service).sequence == 3
