"""OIT evidence from the risk register: the published assessment and the
follow-up of last year's risks."""

import datetime

import pytest

from prongsai.plans.tests.test_providers import _check, _failing
from prongsai.risks import oit_evidence as providers
from prongsai.risks import services
from prongsai.risks.models import Risk
from prongsai.risks.tests.factories import add_risk, assessment_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 2)  # FY 2570: FY 2569 and 2568 have ended


class TestRisk:
    def _assessment(self, organization, coordinator, year, *, controls="ตรวจสอบสองชั้น"):
        assessment = assessment_of(organization, coordinator, year)
        add_risk(
            assessment,
            coordinator,
            Risk.Process.PERMITS,
            "เรียกรับเงินเพื่ออนุญาตก่อสร้าง",
            3,
            4,
            control_measures=controls,
        )
        return assessment

    def test_published_assessment_with_controls_passes(self, organization, coordinator):
        assessment = self._assessment(organization, coordinator, 2569)
        result = providers.risk_assessment_evidence(organization, 2569)
        assert "ยังไม่ได้เผยแพร่" in _check(result, index=0).message_th
        assert result.placeholder  # unpublished: nothing public to link to
        services.risk_assessment_publish(actor=coordinator.user, assessment=assessment)
        result = providers.risk_assessment_evidence(organization, 2569)
        assert result.passed, _failing(result)
        assert not result.placeholder

    def test_risk_without_control_measures_is_named(self, organization, coordinator):
        assessment = self._assessment(organization, coordinator, 2569, controls="")
        services.risk_assessment_publish(actor=coordinator.user, assessment=assessment)
        result = providers.risk_assessment_evidence(organization, 2569)
        assert not result.passed
        assert "เรียกรับเงินเพื่ออนุญาตก่อสร้าง" in _check(result, index=1).message_th

    def test_risk_report_needs_every_follow_up(self, organization, coordinator):
        assessment = self._assessment(organization, coordinator, 2568)
        services.risk_assessment_publish(actor=coordinator.user, assessment=assessment)
        result = providers.risk_report_evidence(organization, 2569, today=TODAY)
        assert not result.passed
        assert "ยังไม่ได้บันทึกผล" in _check(result, index=0).message_th
        services.risk_follow_up(
            actor=coordinator.user,
            risk=assessment.risks.get(),
            follow_up=Risk.FollowUp.CONTROLLED,
            note="ไม่พบการเรียกรับ",
        )
        result = providers.risk_report_evidence(organization, 2569, today=TODAY)
        assert result.passed, _failing(result)
        assert result.url.endswith("#results")
