"""The ITA coordinator cannot learn whether a confidential report's number
exists when linking cases to a measure (issue #17)."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import ngettext

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.tests.factories import ConfidentialCaseFactory
from prongsai.core.errors import DomainError
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans import selectors_case_links, services_case_links
from prongsai.plans.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

EXISTS = "R2569-0777"
MISSING = "R2569-0778"


@pytest.fixture
def measure(organization):
    return MeasureFactory(plan__organization=organization, title="ซ่อมไฟถนน")


@pytest.fixture
def report(organization):
    return ConfidentialCaseFactory(organization=organization, reference=EXISTS)


def _answer(client, measure, reference: str) -> tuple[int, str]:
    response = client.post(
        reverse(
            "plans-staff:measure-link-cases",
            kwargs={"org": measure.organization.slug, "pk": measure.pk},
        ),
        {"references": reference},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    page = re.sub(r'name="csrf-token" content="[^"]+"', "", page)
    return response.status_code, page.replace(reference, "<REF>")


def test_existing_confidential_number_answers_like_a_missing_one(
    client, coordinator, measure, report
):
    client.force_login(coordinator.user)
    exists = _answer(client, measure, EXISTS)
    missing = _answer(client, measure, MISSING)
    assert exists[0] == missing[0] == 200
    assert exists[1] == missing[1]
    assert measure.cases.count() == 0


def test_integrity_officer_links_the_confidential_report(
    client, organization, measure, report
):
    officer = MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.INTEGRITY_OFFICER.value, Role.ITA_COORDINATOR.value],
    )
    client.force_login(officer.user)
    response = client.post(
        reverse(
            "plans-staff:measure-link-cases",
            kwargs={"org": organization.slug, "pk": measure.pk},
        ),
        {"references": EXISTS},
    )
    assert response.status_code == 302
    assert list(measure.cases.all()) == [report]


def test_selector_hides_confidential_reports_unless_asked(measure, report):
    cases, unknown = selectors_case_links.case_list_by_references(
        organization=measure.organization, references=[EXISTS, MISSING]
    )
    assert cases == [] and unknown == [EXISTS, MISSING]
    cases, unknown = selectors_case_links.case_list_by_references(
        organization=measure.organization,
        references=[EXISTS, MISSING],
        include_confidential=True,
    )
    assert cases == [report] and unknown == [MISSING]


def test_service_refuses_with_the_unknown_number_message(coordinator, measure, report):
    with pytest.raises(DomainError) as refused:
        services_case_links.measure_link_cases(
            actor=coordinator.user, measure=measure, cases=[report]
        )
    expected = ngettext(
        "No case has the reference %(references)s.",
        "No cases have the references %(references)s.",
        1,
    ) % {"references": EXISTS}
    assert refused.value.message == expected
