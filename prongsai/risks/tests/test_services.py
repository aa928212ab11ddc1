import pytest
from django.core.exceptions import ValidationError

from prongsai.core.errors import DomainError
from prongsai.risks import services
from prongsai.risks.models import Risk
from prongsai.risks.tests.factories import add_risk, assessment_of

pytestmark = pytest.mark.django_db


class TestRisks:
    def test_register_carries_over_uncontrolled_risks(self, organization, coordinator):
        last = assessment_of(organization, coordinator, 2568)
        kept = add_risk(
            last,
            coordinator,
            Risk.Process.PERMITS,
            "เรียกรับผลประโยชน์ในการอนุญาตก่อสร้างอาคาร",
            3,
            4,
        )
        done = add_risk(
            last,
            coordinator,
            Risk.Process.PROCUREMENT,
            "กำหนดคุณลักษณะเฉพาะเอื้อผู้ขายบางราย",
            2,
            5,
        )
        services.risk_follow_up(
            actor=coordinator.user,
            risk=done,
            follow_up=Risk.FollowUp.CONTROLLED,
            note="ใช้ราคากลางและเผยแพร่ร่างขอบเขตงาน",
        )
        services.risk_follow_up(
            actor=coordinator.user,
            risk=kept,
            follow_up=Risk.FollowUp.PARTLY,
            note="ยังพบข้อร้องเรียน",
        )
        current = assessment_of(organization, coordinator)
        carried = current.risks.get()
        assert carried.previous == kept
        assert carried.event == kept.event
        with pytest.raises(DomainError):
            assessment_of(organization, coordinator)

    def test_levels_outside_1_to_5_are_refused(self, organization, coordinator):
        assessment = assessment_of(organization, coordinator)
        with pytest.raises(ValidationError):
            add_risk(assessment, coordinator, Risk.Process.HR, "x", 6, 1)

    def test_linked_measure_must_be_the_organisations(
        self, organization, other_organization, coordinator
    ):
        from prongsai.plans.tests.factories import MeasureFactory

        assessment = assessment_of(organization, coordinator)
        foreign = MeasureFactory(plan__organization=other_organization)
        with pytest.raises(DomainError):
            add_risk(
                assessment,
                coordinator,
                Risk.Process.ASSETS,
                "นำรถยนต์ส่วนกลางไปใช้ส่วนตัว",
                2,
                2,
                measure=foreign,
            )
