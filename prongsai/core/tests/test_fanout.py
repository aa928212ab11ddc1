"""Scheduled jobs over every organisation queue one task per organisation."""

import logging

import pytest
from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from prongsai.core.fanout import PER_ORGANIZATION, fan_out
from prongsai.core.models import OutboxTask
from prongsai.core.tests.outage import broker_unreachable
from prongsai.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

RUNS: list = []
FAILURES: dict = {}


@shared_task(name="prongsai.core.tests.test_fanout.work", **PER_ORGANIZATION)
def work(organization_id, *args):
    if FAILURES.get(organization_id):
        FAILURES[organization_id] -= 1
        raise FAILURES.get("error", RuntimeError)("down")
    RUNS.append((organization_id, *args))
    return organization_id


@pytest.fixture(autouse=True)
def _clean():
    RUNS.clear()
    FAILURES.clear()


def test_every_id_runs_and_one_failure_stops_none(caplog):
    caplog.set_level(logging.ERROR)
    FAILURES[2] = 99
    assert fan_out(work, [1, 2, 3], "2026-12-07") == 3
    assert RUNS == [(1, "2026-12-07"), (3, "2026-12-07")]
    assert any("organisation 2" in r.getMessage() for r in caplog.records)


def test_per_organization_tasks_are_retried_on_passing_failures():
    """A worker retries (with backoff) a database or network blip; the
    message is acknowledged only when the task ends, so a lost worker's
    organisation runs again elsewhere."""
    assert work.acks_late is True
    assert OperationalError in work.autoretry_for
    assert OSError in work.autoretry_for
    assert RuntimeError not in work.autoretry_for
    assert work.max_retries == 3


def test_broker_down_keeps_every_organisation_in_the_outbox():
    with broker_unreachable():
        assert fan_out(work, [1, 2, 3], "x") == 3
    assert RUNS == []
    assert sorted(OutboxTask.objects.values_list("args", flat=True)) == [
        [1, "x"],
        [2, "x"],
        [3, "x"],
    ]


DISPATCHERS = (
    ("prongsai.opendata.tasks", "dataset_sync_all", "dataset_sync_organization"),
    ("prongsai.portal.tasks", "desk_digest_all", "desk_digest_for"),
    ("prongsai.portal.tasks", "region_summaries_refresh_all", "region_summary_refresh"),
    (
        "prongsai.integrity.tasks",
        "coi_send_yearly_reminders",
        "coi_yearly_reminders_for",
    ),
    (
        "prongsai.complaints.tasks",
        "confidential_send_digests",
        "confidential_digest_for",
    ),
    (
        "prongsai.complaints.tasks",
        "complaints_send_reminders",
        "complaints_reminders_for",
    ),
)


@pytest.mark.parametrize(("module", "dispatcher", "task"), DISPATCHERS)
def test_beat_jobs_queue_one_task_per_active_organisation(module, dispatcher, task):
    from importlib import import_module

    tasks = import_module(module)
    active = OrganizationFactory.create_batch(3)
    OrganizationFactory(is_active=False)
    with broker_unreachable():
        assert getattr(tasks, dispatcher)() == 3
    rows = OutboxTask.objects.filter(task_name=f"{module}.{task}")
    assert sorted(row.args[0] for row in rows) == sorted(o.pk for o in active)


def test_oit_jobs_queue_one_task_per_checklist():
    from prongsai.core.thai_dates import fiscal_year
    from prongsai.oit.models import Checklist
    from prongsai.oit.tasks import oit_check_links_all, oit_send_reminders

    year = fiscal_year(timezone.localdate())
    first, second = OrganizationFactory.create_batch(2)
    old = Checklist.objects.create(organization=first, fiscal_year=year - 1)
    new = Checklist.objects.create(organization=first, fiscal_year=year)
    other = Checklist.objects.create(organization=second, fiscal_year=year)
    asleep = Checklist.objects.create(
        organization=OrganizationFactory(is_active=False), fiscal_year=year
    )
    with broker_unreachable():
        assert oit_check_links_all() == 2
        assert oit_send_reminders() == 2
    checks = OutboxTask.objects.filter(task_name="prongsai.oit.tasks.oit_check_links")
    assert sorted(r.args[0] for r in checks) == sorted([new.pk, other.pk])
    assert old.pk not in [r.args[0] for r in checks]
    assert asleep.pk not in [r.args[0] for r in OutboxTask.objects.all()]
