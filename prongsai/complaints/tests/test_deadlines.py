"""Complaint deadlines count working days unless a category says otherwise."""

import datetime
import importlib

import pytest
import time_machine
from django.utils import timezone, translation

from prongsai.complaints import (
    selectors,
    services_confidential,
    services_settings,
)
from prongsai.complaints.models import Case, CaseEntry, Status
from prongsai.complaints.tests.factories import CategoryFactory, submit_streetlight
from prongsai.core.deadlines import DayUnit
from prongsai.core.thai_dates import BANGKOK
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# Friday 4 December 2026, 15:00 in Bangkok. Saturday 5 December is Father's
# Day, made up on Monday 7 December; Thursday 10 December is Constitution Day.
FRIDAY_AFTERNOON = datetime.datetime(2026, 12, 4, 15, 0, tzinfo=BANGKOK)

migration = importlib.import_module(
    "prongsai.complaints.migrations.0011_recompute_open_case_deadlines_in_working_days"
)


def at(day: int, month: int = 12, hour: int = 16, minute: int = 30):
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=BANGKOK)


def submit(organization, **kwargs):
    return submit_streetlight(organization, received_at=FRIDAY_AFTERNOON, **kwargs)


def test_a_case_received_on_friday_afternoon_before_a_holiday(organization):
    case = submit(organization)
    # One working day: not Saturday, Sunday or the Monday in lieu, so Tuesday.
    assert case.acknowledge_due == at(8)
    # Fifteen working days: 8, 9, 11 (10 off), 14-18, 21-25, 28, 29 December.
    assert case.resolve_due == at(29)


def test_a_category_states_its_unit(organization):
    working = CategoryFactory(organization=organization, acknowledge_days=3)
    calendar = CategoryFactory(
        organization=organization,
        acknowledge_days=3,
        resolve_days=30,
        deadline_unit=DayUnit.CALENDAR,
    )
    assert working.deadline_unit == DayUnit.WORKING  # the default
    assert submit(organization, category=working).acknowledge_due == at(11)
    case = submit(organization, category=calendar)
    assert case.acknowledge_due == FRIDAY_AFTERNOON + datetime.timedelta(days=3)
    assert case.resolve_due == FRIDAY_AFTERNOON + datetime.timedelta(days=30)


def test_overdue_follows_the_working_day_deadline(organization):
    case = submit(organization)
    with time_machine.travel(at(7, hour=12), tick=False):
        assert not case.is_overdue  # Monday in lieu: still in time
    with time_machine.travel(at(8, hour=16, minute=31), tick=False):
        assert case.is_overdue


def test_confidential_reports_follow_the_settings_unit(organization):
    with time_machine.travel(FRIDAY_AFTERNOON, tick=False):
        case, _code = services_confidential.confidential_submit(
            organization=organization, description="เจ้าหน้าที่เรียกรับเงิน"
        )
    assert case.acknowledge_due == at(11)  # 8, 9, 11 December
    officer = MembershipFactory(
        organization=organization, roles=[Role.ORG_ADMIN.value]
    ).user
    services_settings.complaint_settings_update(
        actor=officer,
        organization=organization,
        confidential_deadline_unit=DayUnit.CALENDAR,
    )
    with time_machine.travel(FRIDAY_AFTERNOON, tick=False):
        case, _code = services_confidential.confidential_submit(
            organization=organization, description="ใช้รถราชการส่วนตัว"
        )
    assert case.acknowledge_due == FRIDAY_AFTERNOON + datetime.timedelta(days=3)
    guideline = selectors.corruption_guideline_get(organization=organization)
    assert guideline.deadline_unit == DayUnit.CALENDAR


def _old_style_case(organization, *, status=Status.RECEIVED, category=None):
    """A case as the calendar-day rule left it before the switch."""
    case = submit(organization, category=category)
    Case.objects.filter(pk=case.pk).update(
        status=status,
        acknowledge_due=FRIDAY_AFTERNOON + datetime.timedelta(days=1),
        resolve_due=FRIDAY_AFTERNOON + datetime.timedelta(days=15),
    )
    case.refresh_from_db()
    return case


def test_the_migration_recomputes_open_cases_and_says_why(organization, migration_apps):
    open_case = _old_style_case(organization, status=Status.IN_PROGRESS)
    closed = _old_style_case(organization, status=Status.RESOLVED)
    calendar = CategoryFactory(
        organization=organization,
        acknowledge_days=1,
        resolve_days=15,
        deadline_unit=DayUnit.CALENDAR,
    )
    kept = _old_style_case(organization, category=calendar)

    with translation.override("en"):
        assert migration.recompute_open_deadlines(migration_apps) == 1

    open_case.refresh_from_db()
    assert open_case.acknowledge_due == at(8)
    assert open_case.resolve_due == at(29)
    entry = open_case.entries.get(type=CaseEntry.Type.DEADLINE)
    assert not entry.is_public
    # Written in the site language (Thai), with the old and new deadlines.
    assert "วันทำการ" in entry.text
    assert "29 ธ.ค. 69" in entry.text and "19 ธ.ค. 69" in entry.text
    closed.refresh_from_db()
    assert closed.resolve_due == FRIDAY_AFTERNOON + datetime.timedelta(days=15)
    assert not closed.entries.filter(type=CaseEntry.Type.DEADLINE).exists()
    kept.refresh_from_db()
    assert not kept.entries.filter(type=CaseEntry.Type.DEADLINE).exists()
    # Running it again changes nothing and records nothing more.
    assert migration.recompute_open_deadlines(migration_apps) == 0
    assert CaseEntry.objects.filter(type=CaseEntry.Type.DEADLINE).count() == 1
    assert timezone.is_aware(open_case.resolve_due)


def test_officers_choose_the_unit_of_a_category(client, organization):
    officer = MembershipFactory(
        organization=organization, roles=[Role.COMPLAINT_OFFICER.value]
    ).user
    client.force_login(officer)
    base = f"/{organization.slug}/staff/complaints/categories/"
    response = client.post(
        base + "new/",
        {
            "name": "ขออนุญาตก่อสร้าง",
            "responsible_unit": "กองช่าง",
            "acknowledge_days": 3,
            "resolve_days": 45,
            "deadline_unit": DayUnit.CALENDAR,
            "is_active": "on",
            "order": 0,
        },
    )
    assert response.status_code == 302
    category = organization.complaint_categories.get()
    assert category.deadline_unit == DayUnit.CALENDAR
    with translation.override("th"):
        page = client.get(base, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "45 วัน" in page and "3 วัน" in page and "วันทำการ" not in page
