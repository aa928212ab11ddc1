"""Courses with ethics content in the HR training records count as ethics
activities for OIT 2569 O15 / 2568 O16, once per course."""

import datetime
from decimal import Decimal

import pytest

from prongsai.integrity.models import EthicsActivity, TrainingRecord
from prongsai.integrity.selectors_ethics import ethics_activity_count

pytestmark = pytest.mark.django_db


def _training(organization, course, on, *, ethics=True, name="นายสมชาย"):
    return TrainingRecord.objects.create(
        organization=organization,
        fiscal_year=2569,
        person_name=name,
        course=course,
        start_on=on,
        end_on=on,
        hours=Decimal("6"),
        ethics=ethics,
    )


def test_ethics_courses_count_once_each(organization, other_organization):
    day = datetime.date(2026, 3, 5)
    assert ethics_activity_count(organization, 2569) == 0
    # Three people on one course, one more course, one course without ethics.
    for name in ("นายสมชาย", "นางสาวกาญจนา", "นายอนุชา"):
        _training(organization, "อบรมประมวลจริยธรรม", day, name=name)
    _training(organization, "การขัดกันระหว่างประโยชน์", datetime.date(2026, 5, 1))
    _training(organization, "การใช้โปรแกรมบัญชี", day, ethics=False)
    _training(other_organization, "อบรมจริยธรรมของที่อื่น", day)
    assert ethics_activity_count(organization, 2569) == 2
    assert ethics_activity_count(organization, 2568) == 0


def test_a_course_also_recorded_as_an_activity_counts_once(organization):
    day = datetime.date(2026, 3, 5)
    _training(organization, "อบรมประมวลจริยธรรม", day)
    EthicsActivity.objects.create(
        organization=organization,
        fiscal_year=2569,
        title="อบรมประมวลจริยธรรม",
        kind=EthicsActivity.Kind.TRAINING,
        held_on=day,
        participants=30,
    )
    assert ethics_activity_count(organization, 2569) == 1
