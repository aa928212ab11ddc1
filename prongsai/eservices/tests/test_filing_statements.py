"""A filing keeps the queue-number lock short and its round trips few.

The service's counter row stays locked from the moment a filing takes its
queue number until it commits, so concurrent filings of one service wait for
each other only over the last few statements: the number is taken after the
tracking code, right before the request's insert, in one statement.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.core.models import AuditEvent, Sequence
from prongsai.eservices.models import IssuedTrackingCode, ServiceRequest
from prongsai.eservices.services_filing import request_numbering
from prongsai.eservices.tests.factories import ServiceFactory, file_request

pytestmark = pytest.mark.django_db


def _statements(queries) -> list[str]:
    found = []
    for query in queries.captured_queries:
        words = query["sql"].split()
        table = ""
        if words[0] == "INSERT":
            table = words[2]
        elif words[0] == "UPDATE":
            table = words[1]
        elif words[0] == "SELECT" and " FROM " in query["sql"]:
            table = query["sql"].split(" FROM ", 1)[1].split()[0]
        name = table.replace(chr(34), "")
        found.append(f"{words[0]} {name}".strip())
    return found


def test_the_queue_number_is_taken_last_in_one_statement(organization):
    service = ServiceFactory(organization=organization)
    file_request(service)  # the counter exists from the first filing on
    with CaptureQueriesContext(connection) as queries:
        filed = file_request(service)
    statements = _statements(queries)
    number = statements.index("UPDATE core_sequence")
    assert statements[number + 1] == "INSERT eservices_servicerequest"
    assert statements.index("INSERT eservices_issuedtrackingcode") < number
    # No savepoint of its own for the code or the number (the one left is
    # the filing's transaction, nested in the test's), and no look-up of the
    # rows the filing was given.
    assert sum(s.startswith("SAVEPOINT") for s in statements) <= 1, statements
    for table in ("organizations_organization", "eservices_service"):
        assert f"SELECT {table}" not in statements, statements
    assert filed.sequence == 2
    assert Sequence.objects.get(name=request_numbering(service)).last_value == 2
    assert ServiceRequest.objects.filter(service=service).count() == 2
    assert IssuedTrackingCode.objects.filter(code=filed.tracking_code).count() == 1
    assert AuditEvent.objects.filter(action="eservice_request.file").count() == 2


def test_a_code_issued_before_is_skipped_without_failing_the_filing(
    organization, monkeypatch
):
    from prongsai.core import codes

    service = ServiceFactory(organization=organization)
    first = file_request(service)
    fresh = codes.new_tracking_code()
    issued = iter([first.tracking_code, first.tracking_code, fresh])
    monkeypatch.setattr(codes, "new_tracking_code", lambda: next(issued))
    second = file_request(service)
    assert second.tracking_code == fresh
    assert second.sequence == 2
