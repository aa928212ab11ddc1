import pytest
from django.urls import reverse

from prongsai.plans.tests.test_views import norm, pdf_text
from prongsai.risks import services
from prongsai.risks.models import Risk
from prongsai.risks.tests.factories import add_risk, assessment_of

pytestmark = pytest.mark.django_db


def url(name, organization, **kwargs):
    return reverse(f"risks-staff:{name}", kwargs={"org": organization.slug, **kwargs})


class TestRisks:
    def test_register_page_and_documents(self, client, coordinator, organization):
        assessment = assessment_of(organization, coordinator)
        add_risk(
            assessment,
            coordinator,
            Risk.Process.PROCUREMENT,
            "แบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงวิธีประกวดราคา",
            4,
            4,
        )
        client.force_login(coordinator.user)
        page = client.get(assessment.get_staff_url()).content.decode()
        assert "แบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงวิธีประกวดราคา" in page
        assert "<svg" in page
        response = client.get(
            url("risk-report", organization, pk=assessment.pk), {"format": "pdf"}
        )
        assert norm("แบ่งซื้อแบ่งจ้าง") in pdf_text(response.content)
        response = client.get(
            url("risk-report", organization, pk=assessment.pk), {"format": "docx"}
        )
        assert response.content[:2] == b"PK"

    def test_page_and_report_draw_the_same_matrix(
        self, client, coordinator, organization
    ):
        from prongsai.core import risk_bands
        from prongsai.risks import reports, selectors

        assessment = assessment_of(organization, coordinator)
        for likelihood, impact in [(5, 5), (1, 2), (5, 5)]:
            add_risk(
                assessment,
                coordinator,
                Risk.Process.PROCUREMENT,
                f"ความเสี่ยง {likelihood}-{impact}",
                likelihood,
                impact,
            )
        register = selectors.risk_register_get(assessment=assessment)
        page_chart = selectors.risk_matrix_chart(register=register)
        report_chart = reports._matrix(
            reports.risk_report_context(assessment=assessment)
        )
        assert page_chart.key == report_chart.key
        client.force_login(coordinator.user)
        page = client.get(assessment.get_staff_url()).content.decode()
        assert page_chart.svg() in page
        for band in risk_bands.BANDS:
            assert band.fill in page
        assert "R1, R2" in page_chart.svg() or "R1, R2" in page

    def test_published_register_is_public(self, client, coordinator, organization):
        assessment = assessment_of(organization, coordinator)
        add_risk(
            assessment,
            coordinator,
            Risk.Process.HR,
            "เรียกรับเงินในการสรรหาพนักงานจ้าง",
            2,
            5,
        )
        public = reverse(
            "risks-public:risk-detail",
            kwargs={"org": organization.slug, "pk": assessment.pk},
        )
        assert client.get(public).status_code == 404
        client.force_login(coordinator.user)
        client.post(url("risk-assessment-publish", organization, pk=assessment.pk))
        client.logout()
        response = client.get(public)
        assert response.status_code == 200
        assert "เรียกรับเงินในการสรรหาพนักงานจ้าง" in response.content.decode()
        document = client.get(
            reverse(
                "risks-public:risk-report",
                kwargs={"org": organization.slug, "pk": assessment.pk},
            )
        )
        assert document.content.startswith(b"%PDF")

    def test_plain_staff_cannot_add_risks(self, client, member, organization):
        assessment = services.risk_assessment_create(
            actor=None, organization=organization, fiscal_year=2569
        )
        client.force_login(member.user)
        assert (
            client.get(url("risk-create", organization, pk=assessment.pk)).status_code
            == 403
        )
        response = client.post(
            url("risk-assessment-list", organization), {"fiscal_year": "2570"}
        )
        assert response.status_code == 403


@pytest.mark.django_db
def test_the_public_plan_list_links_published_risk_assessments(client, organization):
    from django.utils import timezone

    from prongsai.risks.models import RiskAssessment

    assessment = RiskAssessment.objects.create(
        organization=organization,
        fiscal_year=2570,
        title="การประเมินความเสี่ยงการทุจริต ปี 2570",
        published_at=timezone.now(),
    )
    response = client.get(
        reverse("plans-public:plan-list", kwargs={"org": organization.slug})
    )
    assert response.status_code == 200
    detail = reverse(
        "risks-public:risk-detail",
        kwargs={"org": organization.slug, "pk": assessment.pk},
    )
    assert detail in response.content.decode()
