import pytest
from django.core.exceptions import ValidationError

from prongsai.core.errors import DomainError
from prongsai.risks import services
from prongsai.risks.models import Risk

pytestmark = pytest.mark.django_db


class TestRisks:
    def test_register_carries_over_uncontrolled_risks(self, organization, coordinator):
        last = services.risk_assessment_create(
            actor=coordinator.user, organization=organization, fiscal_year=2568
        )
        kept = services.risk_create(
            actor=coordinator.user,
            assessment=last,
            data={
                "process": Risk.Process.PERMITS,
                "event": "เรียกรับผลประโยชน์ในการอนุญาตก่อสร้างอาคาร",
                "likelihood": 3,
                "impact": 4,
            },
        )
        done = services.risk_create(
            actor=coordinator.user,
            assessment=last,
            data={
                "process": Risk.Process.PROCUREMENT,
                "event": "กำหนดคุณลักษณะเฉพาะเอื้อผู้ขายบางราย",
                "likelihood": 2,
                "impact": 5,
            },
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
        current = services.risk_assessment_create(
            actor=coordinator.user, organization=organization, fiscal_year=2569
        )
        carried = current.risks.get()
        assert carried.previous == kept
        assert carried.event == kept.event
        with pytest.raises(DomainError):
            services.risk_assessment_create(
                actor=coordinator.user, organization=organization, fiscal_year=2569
            )

    def test_levels_outside_1_to_5_are_refused(self, organization, coordinator):
        assessment = services.risk_assessment_create(
            actor=coordinator.user, organization=organization, fiscal_year=2569
        )
        with pytest.raises(ValidationError):
            services.risk_create(
                actor=coordinator.user,
                assessment=assessment,
                data={
                    "process": Risk.Process.HR,
                    "event": "x",
                    "likelihood": 6,
                    "impact": 1,
                },
            )

    def test_linked_measure_must_be_the_organisations(
        self, organization, other_organization, coordinator
    ):
        from prongsai.plans.tests.factories import MeasureFactory

        assessment = services.risk_assessment_create(
            actor=coordinator.user, organization=organization, fiscal_year=2569
        )
        foreign = MeasureFactory(plan__organization=other_organization)
        with pytest.raises(DomainError):
            services.risk_create(
                actor=coordinator.user,
                assessment=assessment,
                data={
                    "measure": foreign,
                    "process": Risk.Process.ASSETS,
                    "event": "นำรถยนต์ส่วนกลางไปใช้ส่วนตัว",
                    "likelihood": 2,
                    "impact": 2,
                },
            )
