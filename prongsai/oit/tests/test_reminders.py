"""Reminders to the people in charge of OIT items: due dates, recurring content."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from freezegun import freeze_time

from prongsai.accounts.tests.factories import UserFactory
from prongsai.notifications.models import SentKey
from prongsai.oit import registry, reminders, services
from prongsai.oit.models import ChecklistItem
from prongsai.oit.tasks import oit_send_reminders
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("upload_only_items")]

TODAY = datetime.date(2026, 11, 3)  # fiscal year 2570 starts in October 2026


def after_commit(func, **kwargs):
    """Run ``func`` and the sends it schedules for after the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return func(**kwargs)


def send(**kwargs):
    return after_commit(services.reminders_send, **kwargs)


MONTHS = {"covered": set()}


def _monthly(organization, fiscal_year):
    missing = [m for m in ("ต.ค.", "พ.ย.") if m not in MONTHS["covered"]]
    return registry.EvidenceResult(
        url=f"/{organization.slug}/procurement/monthly/",
        title="สรุปผลการจัดซื้อจัดจ้างรายเดือน",
        checks=tuple(
            registry.RequirementCheck(
                passed=False, message_th=f"ยังไม่มีสรุปผลเดือน {m}", requirement_index=0
            )
            for m in missing
        )
        or (registry.RequirementCheck(passed=True, message_th="ครบทุกเดือน"),),
    )


@pytest.fixture
def monthly_provider():
    MONTHS["covered"] = set()
    registry.register(
        registry.Provider(key="test.monthly", label="monthly", evidence=_monthly)
    )
    yield
    registry.unregister("test.monthly")


@pytest.fixture
def checklist(frameworks, organization, officer):
    return services.checklist_open(
        actor=officer, organization=organization, fiscal_year=2569
    )


def _set(checklist, code, **values):
    ChecklistItem.objects.filter(checklist=checklist, code=code).update(**values)


def _appoint(organization, officer):
    services.data_officer_appoint(
        actor=officer,
        organization=organization,
        officer=officer,
        appointed_on=datetime.date(2026, 10, 1),
    )


def test_digest_lists_overdue_and_due_soon_items_not_done(checklist):
    _set(checklist, "O5", due_date=TODAY - datetime.timedelta(days=2))
    _set(checklist, "O6", due_date=TODAY + datetime.timedelta(days=10))
    _set(checklist, "O7", due_date=TODAY + datetime.timedelta(days=40))
    _set(
        checklist,
        "O8",
        due_date=TODAY,
        status=ChecklistItem.Status.READY,
    )
    from prongsai.oit import selectors

    lines = reminders.digest_lines(
        selectors.checklist_item_list_states(checklist), today=TODAY
    )
    by_code = {line.code: line.reason for line in lines}
    assert by_code.get("O5") == reminders.OVERDUE
    assert by_code.get("O6") == reminders.DUE_SOON
    assert "O7" not in by_code
    assert "O8" not in by_code


def test_generated_evidence_that_falls_behind_needs_an_update(
    checklist, monthly_provider
):
    from prongsai.oit import selectors

    _set(checklist, "O11", provider_key="test.monthly", status="ready")
    lines = reminders.digest_lines(
        selectors.checklist_item_list_states(checklist), today=TODAY
    )
    o11 = next(line for line in lines if line.code == "O11")
    assert o11.reason == reminders.NEEDS_UPDATE
    assert o11.missing == ("ยังไม่มีสรุปผลเดือน ต.ค.", "ยังไม่มีสรุปผลเดือน พ.ย.")
    MONTHS["covered"] = {"ต.ค.", "พ.ย."}
    lines = reminders.digest_lines(
        selectors.checklist_item_list_states(checklist), today=TODAY
    )
    assert "O11" not in [line.code for line in lines]


def test_a_period_not_yet_due_is_not_a_reminder(checklist):
    from prongsai.oit import selectors

    def half_year(organization, fiscal_year):
        return registry.EvidenceResult(
            url="/x/",
            title="x",
            checks=(
                registry.RequirementCheck(
                    passed=False, message_th="ยังไม่ครบหกเดือนแรก", text="period"
                ),
            ),
        )

    registry.register(
        registry.Provider(key="test.half", label="half", evidence=half_year)
    )
    try:
        _set(checklist, "O11", provider_key="test.half", due_date=None)
        lines = reminders.digest_lines(
            selectors.checklist_item_list_states(checklist), today=TODAY
        )
        assert "O11" not in [line.code for line in lines]
        _set(checklist, "O11", due_date=TODAY + datetime.timedelta(days=5))
        lines = reminders.digest_lines(
            selectors.checklist_item_list_states(checklist), today=TODAY
        )
        o11 = next(line for line in lines if line.code == "O11")
        assert o11.missing == ("ยังไม่ครบหกเดือนแรก",)
    finally:
        registry.unregister("test.half")


def test_should_send_new_content_at_once_and_the_same_weekly():
    day = datetime.date(2026, 11, 3)
    assert reminders.should_send(key="a", last_key=None, last_sent_on=None, today=day)
    assert not reminders.should_send(key="a", last_key="a", last_sent_on=day, today=day)
    assert reminders.should_send(key="b", last_key="a", last_sent_on=day, today=day)
    later = day + datetime.timedelta(days=7)
    assert reminders.should_send(key="a", last_key="a", last_sent_on=day, today=later)


def test_send_goes_to_the_data_officer_in_thai_once_until_something_changes(
    checklist, organization, officer, monthly_provider
):
    _appoint(organization, officer)
    _set(checklist, "O11", provider_key="test.monthly")
    _set(checklist, "O5", due_date=TODAY - datetime.timedelta(days=1))
    mail.outbox.clear()
    assert send(checklist=checklist, today=TODAY) == 1
    message = mail.outbox[0]
    assert message.to == ["data@bandong.example"]
    assert "OIT" in message.subject and "2569" in message.subject
    assert "O11" in message.body and "ยังไม่มีสรุปผลเดือน พ.ย." in message.body
    assert "O5" in message.body and "เลยกำหนด" in message.body
    assert "/bandong/staff/oit/2569/" in message.body
    # The same digest is not sent again the next day ...
    assert send(checklist=checklist, today=TODAY) == 0
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert send(checklist=checklist, today=tomorrow) == 0
    # ... but a change (October recorded) sends a new one.
    MONTHS["covered"] = {"ต.ค."}
    assert send(checklist=checklist, today=tomorrow) == 1
    assert "ต.ค." not in mail.outbox[-1].body.split("O11", 1)[1].split("O", 1)[0]
    prefix = f"oit.digest:{checklist.pk}:"
    assert SentKey.objects.filter(key__startswith=prefix).count() == 2


def test_an_item_goes_to_its_own_responsible_member(checklist, organization, officer):
    _appoint(organization, officer)
    clerk = UserFactory(email="clerk@bandong.example")
    MembershipFactory(organization=organization, user=clerk, roles=[Role.STAFF.value])
    _set(checklist, "O6", responsible=clerk, due_date=TODAY)
    _set(checklist, "O7", due_date=TODAY)
    mail.outbox.clear()
    assert send(checklist=checklist, today=TODAY) == 2
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "O6" in bodies["clerk@bandong.example"]
    assert "O7" not in bodies["clerk@bandong.example"]
    assert "O7" in bodies["data@bandong.example"]


def test_nobody_in_charge_or_a_former_member_gets_nothing(
    checklist, organization, officer
):
    _set(checklist, "O6", due_date=TODAY)
    mail.outbox.clear()
    assert send(checklist=checklist, today=TODAY) == 0
    former = UserFactory(email="former@bandong.example")
    MembershipFactory(
        organization=organization,
        user=former,
        roles=[Role.STAFF.value],
        is_active=False,
    )
    _set(checklist, "O6", responsible=former)
    assert send(checklist=checklist, today=TODAY) == 0
    assert mail.outbox == []


def test_daily_task_covers_this_fiscal_year_checklists(
    checklist, organization, officer
):
    _appoint(organization, officer)
    _set(checklist, "O6", due_date=datetime.date(2026, 3, 1))
    mail.outbox.clear()
    with freeze_time("2026-03-02 08:00:00"):
        assert (
            after_commit(oit_send_reminders) == 1
        )  # fiscal year 2569 ends in September 2026
    assert len(mail.outbox) == 1
    with freeze_time("2027-03-02 08:00:00"):
        assert (
            after_commit(oit_send_reminders) == 0
        )  # a past year's checklist is left alone


def test_a_member_who_linked_line_also_gets_a_push(
    checklist, organization, officer, monkeypatch
):
    from prongsai.organizations.models import Membership
    from prongsai.organizations.tests.line_edge import configure_line, line_token

    edge = configure_line(monkeypatch, organization)
    Membership.objects.filter(organization=organization, user=officer).update(
        line_user_id="U00000000000000000000000000000da7a"
    )
    _appoint(organization, officer)
    _set(checklist, "O6", due_date=TODAY)
    mail.outbox.clear()
    assert send(checklist=checklist, today=TODAY) == 1
    assert len(mail.outbox) == 1
    [(token, user_id, text, retry_key)] = [
        (p.token, p.to, p.text, p.retry_key) for p in edge.pushes
    ]
    assert token == line_token(organization)
    assert user_id == "U00000000000000000000000000000da7a"
    assert text.startswith("OIT 2569") and "/bandong/staff/oit/2569/" in text
    assert retry_key
