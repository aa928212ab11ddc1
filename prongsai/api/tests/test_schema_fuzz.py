"""Schemathesis against the OpenAPI of /api/v1/: no server error, ever.

Every operation gets a bounded, derandomised set of generated requests
(valid and invalid by the schema) sent to the Django WSGI app; writes carry
a token of Ban Dong, and the organisation in the path is Ban Dong so that
the requests reach the services rather than stop at an unknown
organisation. The schema is the one ``/api/v1/openapi.json`` serves (the
first test checks that).
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from prongsai.api.main import api
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.procurement.tests.factories import ProcurementFactory

from .conftest import bearer, make_token

pytestmark = pytest.mark.django_db


def _served() -> dict:
    """The schema as JSON has it (status codes as text)."""
    return json.loads(json.dumps(api.get_openapi_schema(), default=str))


schema = schemathesis.openapi.from_dict(_served())
schema.app = get_wsgi_application()


@pytest.fixture
def world(organization, admin_user, settings):
    """Records to find, a token to write with, limits out of the way, and
    (as Django's test client does) the database connection kept open
    between requests, since the test's transaction holds the records."""
    settings.PRONGSAI_API_READS_PER_MINUTE = 100_000
    settings.PRONGSAI_API_WRITES_PER_MINUTE = 100_000
    ProcurementFactory(organization=organization)
    file_request(ServiceFactory(organization=organization))
    _token, raw = make_token(organization, admin_user)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"Authorization": bearer(raw)["HTTP_AUTHORIZATION"]}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_fuzzed_schema_is_the_served_one(client):
    assert client.get("/api/v1/openapi.json").json() == _served()


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_operation_answers_with_a_server_error(case, world):
    if "org" in (case.path_parameters or {}):
        case.path_parameters["org"] = "bandong"
    response = case.call(headers=world)
    case.validate_response(response, checks=[not_a_server_error])
