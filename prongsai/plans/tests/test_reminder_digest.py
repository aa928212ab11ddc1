"""Owners get one reminder message a run, listing every measure that needs
them; a plan approved today and closed plans remind nobody."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from prongsai.core.models import AuditEvent
from prongsai.notifications.models import Notification, SentKey
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans.models import Plan, PlanVersion
from prongsai.plans.tasks import plans_remind_owners
from prongsai.plans.tests.factories import approved_improvement_plan, due_in

pytestmark = pytest.mark.django_db


def remind(commit):
    with commit(execute=True):
        return plans_remind_owners()


def approved_days_ago(measure, days):
    PlanVersion.objects.filter(plan=measure.plan).update(
        approved_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_one_message_per_owner_listing_every_measure(
    organization, coordinator, executive, owner, django_capture_on_commit_callbacks
):
    other = MembershipFactory(organization=organization, roles=[Role.STAFF.value])
    soon, late, silent, _theirs = approved_improvement_plan(
        organization,
        coordinator,
        executive,
        due_in(3, title="อบรมจริยธรรมเจ้าหน้าที่", owner=owner),
        due_in(-2, title="จัดทำคู่มือการยืมทรัพย์สิน", owner=owner),
        {
            **due_in(60, title="เผยแพร่ข้อมูลการจัดซื้อจัดจ้าง", owner=owner),
            "start_date": timezone.localdate() - datetime.timedelta(days=100),
        },
        due_in(-2, title="งานของคนอื่น", owner=other),
    )
    approved_days_ago(soon, 40)  # the plan has been in force for a while
    assert remind(django_capture_on_commit_callbacks) == 4  # measures
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [owner.user.email, other.user.email]
    )
    mine = next(m for m in mail.outbox if m.to == [owner.user.email])
    assert mine.subject == "มาตรการที่ท่านรับผิดชอบ 3 รายการต้องติดตาม"
    for measure in (soon, late, silent):
        assert measure.title in mine.body
        assert measure.get_staff_url() in mine.body
    assert "งานของคนอื่น" not in mine.body
    assert "ครบกำหนด" in mine.body
    assert "ยังไม่มีการรายงานความก้าวหน้า" in mine.body
    assert Notification.objects.filter(user=owner.user).count() == 1
    keys = set(SentKey.objects.values_list("key", flat=True))
    assert f"plans.reminder:{late.pk}:overdue:{late.due_date.isoformat()}" in keys
    assert AuditEvent.objects.filter(action="reminder.send").count() == 4
    # The next run has nothing new to say.
    assert remind(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


def test_one_measure_keeps_its_own_subject(
    organization, coordinator, executive, owner, django_capture_on_commit_callbacks
):
    approved_improvement_plan(
        organization,
        coordinator,
        executive,
        due_in(3, title="ใกล้ครบกำหนด", owner=owner),
    )
    assert remind(django_capture_on_commit_callbacks) == 1
    assert "ใกล้ครบกำหนด" in mail.outbox[0].subject


def test_a_plan_approved_today_sends_no_overdue_or_no_report_reminder(
    organization, coordinator, executive, owner, django_capture_on_commit_callbacks
):
    (late,) = approved_improvement_plan(
        organization,
        coordinator,
        executive,
        # Started 100 days ago, due yesterday, never reported.
        due_in(-1, title="อนุมัติแผนล่าช้า", owner=owner),
    )
    assert remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    approved_days_ago(late, 1)  # the next day
    assert remind(django_capture_on_commit_callbacks) == 1
    assert "อนุมัติแผนล่าช้า" in mail.outbox[0].subject


def test_the_no_report_clock_starts_at_approval(
    organization, coordinator, executive, owner, django_capture_on_commit_callbacks
):
    (measure,) = approved_improvement_plan(
        organization,
        coordinator,
        executive,
        # Started 100 days ago, due in two months, never reported.
        {
            **due_in(60, title="ติดตามผล", owner=owner),
            "start_date": timezone.localdate() - datetime.timedelta(days=100),
        },
    )
    approved_days_ago(measure, 10)
    assert remind(django_capture_on_commit_callbacks) == 0
    approved_days_ago(measure, 31)
    assert remind(django_capture_on_commit_callbacks) == 1


def test_plans_of_an_ended_fiscal_year_stop_reminding(
    organization,
    coordinator,
    executive,
    owner,
    django_capture_on_commit_callbacks,
):
    (measure,) = approved_improvement_plan(
        organization,
        coordinator,
        executive,
        due_in(-2, title="เลยกำหนด", owner=owner),
    )
    approved_days_ago(measure, 40)
    current = measure.plan.fiscal_year
    Plan.objects.filter(pk=measure.plan_id).update(fiscal_year=current - 1)
    assert remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    Plan.objects.filter(pk=measure.plan_id).update(fiscal_year=current)
    assert remind(django_capture_on_commit_callbacks) == 1
