"""Complaints linked to the measures they led to."""

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.tests.factories import CaseFactory, ConfidentialCaseFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans import reports, selectors_case_links, services_case_links
from prongsai.plans.models import MeasureCase
from prongsai.plans.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(organization):
    return MeasureFactory(plan__organization=organization, title="ซ่อมไฟถนน")


@pytest.fixture
def integrity_officer(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.INTEGRITY_OFFICER.value, Role.ITA_COORDINATOR.value],
    )


def _url(name, measure):
    return reverse(
        f"plans-staff:{name}",
        kwargs={"org": measure.organization.slug, "pk": measure.pk},
    )


class TestServices:
    def test_link_and_unlink_are_audited(self, coordinator, measure):
        cases = CaseFactory.create_batch(2, organization=measure.organization)
        links = services_case_links.measure_link_cases(
            actor=coordinator.user, measure=measure, cases=cases
        )
        assert len(links) == 2
        assert set(measure.cases.all()) == set(cases)
        assert links[0].linked_by == coordinator.user
        assert AuditEvent.objects.filter(action="measure.link_case").count() == 2
        services_case_links.measure_unlink_case(
            actor=coordinator.user, measure=measure, case=cases[0]
        )
        assert list(measure.cases.all()) == [cases[1]]
        assert AuditEvent.objects.filter(action="measure.unlink_case").count() == 1

    def test_linking_twice_is_harmless(self, coordinator, measure):
        case = CaseFactory(organization=measure.organization)
        services_case_links.measure_link_cases(
            actor=coordinator.user, measure=measure, cases=[case]
        )
        again = services_case_links.measure_link_cases(
            actor=coordinator.user, measure=measure, cases=[case, case]
        )
        assert again == []
        assert MeasureCase.objects.count() == 1

    def test_another_organisations_case_is_refused(
        self, coordinator, measure, other_organization
    ):
        mine = CaseFactory(organization=measure.organization)
        theirs = CaseFactory(organization=other_organization)
        with pytest.raises(DomainError, match=theirs.reference):
            services_case_links.measure_link_cases(
                actor=coordinator.user, measure=measure, cases=[mine, theirs]
            )
        assert MeasureCase.objects.count() == 0  # all or nothing

    def test_confidential_needs_an_integrity_officer(
        self, coordinator, integrity_officer, measure
    ):
        report = ConfidentialCaseFactory(organization=measure.organization)
        with pytest.raises(DomainError, match=report.reference):
            services_case_links.measure_link_cases(
                actor=coordinator.user, measure=measure, cases=[report]
            )
        services_case_links.measure_link_cases(
            actor=integrity_officer.user, measure=measure, cases=[report]
        )
        with pytest.raises(DomainError):
            services_case_links.measure_unlink_case(
                actor=coordinator.user, measure=measure, case=report
            )
        assert measure.cases.count() == 1

    def test_unlinking_a_case_not_linked(self, coordinator, measure):
        case = CaseFactory(organization=measure.organization)
        with pytest.raises(DomainError):
            services_case_links.measure_unlink_case(
                actor=coordinator.user, measure=measure, case=case
            )

    def test_references_are_looked_up_in_the_organisation(
        self, measure, other_organization
    ):
        mine = CaseFactory(organization=measure.organization, reference="C2569-0100")
        CaseFactory(organization=other_organization, reference="C2569-0101")
        refs = selectors_case_links.split_references(
            " c2569-0100, C2569-0101 ,c2569-0100"
        )
        assert refs == ["C2569-0100", "C2569-0101"]
        cases, unknown = selectors_case_links.case_list_by_references(
            organization=measure.organization, references=refs
        )
        assert cases == [mine]
        assert unknown == ["C2569-0101"]


class TestViews:
    def test_link_by_reference(self, client, coordinator, measure):
        a = CaseFactory(organization=measure.organization, reference="C2569-0201")
        b = CaseFactory(organization=measure.organization, reference="C2569-0202")
        client.force_login(coordinator.user)
        response = client.post(
            _url("measure-link-cases", measure),
            {"references": "C2569-0201, c2569-0202"},
        )
        assert response.status_code == 302
        assert set(measure.cases.all()) == {a, b}
        page = client.get(_url("measure-detail", measure)).content.decode()
        assert "C2569-0201" in page
        assert "/staff/complaints/" not in page  # not a complaint officer
        coordinator.roles = [*coordinator.roles, Role.COMPLAINT_OFFICER.value]
        coordinator.save()
        page = client.get(_url("measure-detail", measure)).content.decode()
        assert (
            reverse(
                "complaints-staff:case",
                kwargs={"org": measure.organization.slug, "pk": a.pk},
            )
            in page
        )

    def test_unknown_reference_is_named_and_input_kept(
        self, client, coordinator, measure
    ):
        CaseFactory(organization=measure.organization, reference="C2569-0301")
        client.force_login(coordinator.user)
        response = client.post(
            _url("measure-link-cases", measure),
            {"references": "C2569-0301, C2569-9999"},
            HTTP_ACCEPT_LANGUAGE="th",
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "C2569-9999" in page
        assert 'value="C2569-0301, C2569-9999"' in page
        assert measure.cases.count() == 0

    def test_unlink(self, client, coordinator, measure):
        case = CaseFactory(organization=measure.organization)
        services_case_links.measure_link_cases(
            actor=coordinator.user, measure=measure, cases=[case]
        )
        client.force_login(coordinator.user)
        link = MeasureCase.objects.get(measure=measure, case=case)
        unlink = reverse(
            "plans-staff:measure-unlink-case",
            kwargs={"org": measure.organization.slug, "pk": link.pk},
        )
        assert unlink in client.get(_url("measure-detail", measure)).content.decode()
        response = client.post(unlink)
        assert response.status_code == 302
        assert measure.cases.count() == 0
        assert client.post(unlink).status_code == 404

    def test_plain_member_cannot_link(self, client, member, measure):
        CaseFactory(organization=measure.organization, reference="C2569-0401")
        client.force_login(member.user)
        response = client.post(
            _url("measure-link-cases", measure), {"references": "C2569-0401"}
        )
        assert response.status_code == 403
        assert measure.cases.count() == 0

    def test_confidential_report_shown_without_content(
        self, client, coordinator, integrity_officer, measure
    ):
        report = ConfidentialCaseFactory(organization=measure.organization)
        services_case_links.measure_link_cases(
            actor=integrity_officer.user, measure=measure, cases=[report]
        )
        client.force_login(coordinator.user)
        page = client.get(_url("measure-detail", measure)).content.decode()
        assert report.reference in page
        assert report.subject not in page
        assert "confidential-case" not in page
        assert "/confidential/" not in page
        client.force_login(integrity_officer.user)
        page = client.get(_url("measure-detail", measure)).content.decode()
        assert "/confidential/" in page

    def test_case_page_shows_the_measure(self, client, measure, coordinator):
        case = CaseFactory(organization=measure.organization)
        services_case_links.measure_link_cases(
            actor=coordinator.user, measure=measure, cases=[case]
        )
        officer = MembershipFactory(
            organization=measure.organization, roles=[Role.COMPLAINT_OFFICER.value]
        )
        client.force_login(officer.user)
        page = client.get(
            reverse(
                "complaints-staff:case",
                kwargs={"org": measure.organization.slug, "pk": case.pk},
            )
        ).content.decode()
        assert 'id="case-links"' in page
        assert measure.get_staff_url() in page
        assert measure.title in page


class TestReport:
    def test_counts_per_measure_without_personal_data(self, integrity_officer):
        measure = MeasureFactory(
            plan__organization=integrity_officer.organization, title="ซ่อมไฟถนน"
        )
        cases = [
            CaseFactory(organization=measure.organization, reference="C2569-0502"),
            CaseFactory(organization=measure.organization, reference="C2569-0501"),
            ConfidentialCaseFactory(organization=measure.organization),
        ]
        services_case_links.measure_link_cases(
            actor=integrity_officer.user, measure=measure, cases=cases
        )
        row = reports.MeasureReport(
            measure=measure,
            state="on_track",
            flags=[],
            status_label="",
            percent=0,
            kpi_value=None,
            updates=[],
            latest=None,
            case_references=["C2569-0501", "C2569-0502"],
            confidential_cases=1,
        )
        assert row.case_count == 3
        text = row.complaints_text
        assert "C2569-0501, C2569-0502" in text
        assert cases[2].reference not in text

    def test_confidential_case_page_shows_the_measure(
        self, client, measure, integrity_officer
    ):
        report = ConfidentialCaseFactory(organization=measure.organization)
        services_case_links.measure_link_cases(
            actor=integrity_officer.user, measure=measure, cases=[report]
        )
        client.force_login(integrity_officer.user)
        page = client.get(
            reverse(
                "complaints-staff:confidential-case",
                kwargs={"org": measure.organization.slug, "pk": report.pk},
            )
        ).content.decode()
        assert measure.get_staff_url() in page
