"""Executives (นายก, ปลัด) read every staff area and change nothing there
unless another role of theirs allows it."""

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.tests.factories import CaseFactory, ConfidentialCaseFactory
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans.tests.factories import PlanFactory
from prongsai.procurement.tests.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(organization):
    service = ServiceFactory(organization=organization)
    return {
        "case": CaseFactory(organization=organization),
        "request": file_request(service),
        "procurement": ProcurementFactory(organization=organization),
        "plan": PlanFactory(organization=organization),
    }


@pytest.fixture
def executive(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.EXECUTIVE.value],
    ).user


def url(name, **kwargs):
    return reverse(name, kwargs={"org": "bandong", **kwargs})


READS = [
    ("complaints-staff:case-list", {}),
    ("complaints-staff:category-list", {}),
    ("eservices-staff:queue", {}),
    ("eservices-staff:statistics", {}),
    ("eservices-staff:service-list", {}),
    ("procurement-staff:list", {}),
    ("procurement-staff:plan", {}),
    ("oit-staff:index", {}),
    ("plans-staff:plan-list", {}),
    ("budget-staff:years", {}),
    ("integrity-staff:no-gift", {}),
    ("risks-staff:risk-assessment-list", {}),
    ("ita-staff:index", {}),
    ("opendata-staff:dataset-list", {}),
    ("sitecontent-staff:index", {}),
    ("sitecontent-staff:inquiries", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), READS)
def test_an_executive_reads_each_area(client, executive, records, name, kwargs):
    client.force_login(executive)
    assert client.get(url(name, **kwargs)).status_code == 200


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("complaints-staff:case", "case"),
        ("eservices-staff:request-detail", "request"),
        ("procurement-staff:detail", "procurement"),
    ],
)
def test_an_executive_reads_the_detail_pages_without_write_buttons(
    client, executive, records, name, record
):
    client.force_login(executive)
    response = client.get(url(name, pk=records[record].pk))
    assert response.status_code == 200
    assert 'method="post"' not in response.content.decode().split("<main", 1)[-1]


def test_an_executive_reads_a_plan_and_may_decide_on_it(client, executive, records):
    """Plans were open to every member already; the executive approves them."""
    client.force_login(executive)
    assert (
        client.get(url("plans-staff:plan-detail", pk=records["plan"].pk)).status_code
        == 200
    )


WRITES = [
    ("complaints-staff:case-status", "case", {"status": "resolved"}),
    ("complaints-staff:case-new", None, {}),
    ("eservices-staff:request-note", "request", {"text": "x"}),
    ("eservices-staff:service-new", None, {}),
    ("procurement-staff:detail", "procurement", {"title": "x"}),
    ("procurement-staff:create", None, {}),
    ("procurement-staff:plan", None, {}),
    ("oit-staff:index", None, {"fiscal_year": "2570"}),
    ("plans-staff:plan-create", None, {}),
    ("budget-staff:line-create", None, {}),
    ("integrity-staff:no-gift-announcement-create", None, {}),
    ("risks-staff:risk-assessment-list", None, {"fiscal_year": "2570"}),
    ("ita-staff:result-import", None, {}),
    ("opendata-staff:dataset-sync", None, {}),
    ("sitecontent-staff:news-create", None, {}),
]


@pytest.mark.parametrize(("name", "record", "data"), WRITES)
def test_an_executive_changes_nothing(client, executive, records, name, record, data):
    client.force_login(executive)
    kwargs = {"pk": records[record].pk} if record else {}
    if name == "budget-staff:line-create":
        kwargs = {"year": 2570}
    assert client.post(url(name, **kwargs), data).status_code == 403


def test_an_executive_who_administers_keeps_the_buttons(client, organization, records):
    both = MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.EXECUTIVE.value, Role.ORG_ADMIN.value],
    ).user
    client.force_login(both)
    body = client.get(url("procurement-staff:list")).content.decode()
    assert url("procurement-staff:create") in body
    body = client.get(url("complaints-staff:case", pk=records["case"].pk)).content
    assert b'id="status-form"' in body


def test_read_only_pages_hide_the_write_buttons(client, executive, records):
    client.force_login(executive)
    body = client.get(url("procurement-staff:list")).content.decode()
    assert url("procurement-staff:create") not in body
    body = client.get(url("eservices-staff:queue")).content.decode()
    assert "File for a citizen" not in body and "ยื่นคำขอแทนประชาชน" not in body
    body = client.get(url("sitecontent-staff:index")).content.decode()
    assert url("sitecontent-staff:news-create") not in body


def test_confidential_reports_keep_their_rules(client, organization, executive):
    """Executives read only the reports about an integrity officer."""
    about_officer = ConfidentialCaseFactory(
        organization=organization, concerns_integrity_officer=True
    )
    other = ConfidentialCaseFactory(organization=organization)
    client.force_login(executive)
    listing = client.get(url("complaints-staff:case-list")).content.decode()
    assert about_officer.reference not in listing
    assert other.reference not in listing
    assert client.get(url("complaints-staff:case", pk=other.pk)).status_code == 404
    assert (
        client.get(url("complaints-staff:confidential-case", pk=other.pk)).status_code
        == 404
    )
