"""``prongsai oit_check`` and the scheduled link-check tasks."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from prongsai.oit.models import LinkCheck
from prongsai.oit.tasks import oit_check_links_all

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_oit_check_fetches_every_internal_link(checklist, live_server, settings):
    # This site's pages are fetched at its public address, as the public would.
    settings.PRONGSAI_BASE_URL = live_server.url
    out = io.StringIO()
    call_command("oit_check", "--org", "bandong", "--fiscal-year", "2569", stdout=out)
    assert "ตรวจลิงก์ OIT ปีงบประมาณ 2569" in out.getvalue()
    structure = LinkCheck.objects.get(url="/bandong/structure/")
    assert structure.ok
    assert structure.status_code == 200
    assert len(structure.content_hash) == 64


def test_oit_check_unknown_organisation(db):
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("oit_check", "--org", "nowhere")


def test_daily_task_checks_the_latest_checklist_of_each_organisation(
    checklist, settings
):
    settings.PRONGSAI_BASE_URL = "http://127.0.0.1:9"  # nothing listens there
    assert oit_check_links_all() == 1
    assert LinkCheck.objects.filter(item__checklist=checklist).exists()


def test_the_daily_check_is_scheduled():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "prongsai.oit.tasks.oit_check_links_all" in tasks
