"""The registers moved from plans keep every row, their content types and their
audit trail."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from prongsai.core.audit import AuditEvent
from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets
from prongsai.integrity.models import GiftReport

# Before the move: plans at 0005 with the registers; integrity's 0001 only
# declares its models on those same tables (no change to the database).
BEFORE = migration_targets(
    ("plans", "0005_reminders_to_notifications"), ("integrity", "0001_initial")
)


@pytest.mark.django_db(transaction=True)
def test_a_gift_report_made_before_the_move_is_still_there(
    organization, member, latest_migrations
):
    ContentType.objects.filter(app_label="integrity").delete()
    old = migrate_to(BEFORE)
    OldReport = old.get_model("plans", "GiftReport")
    report = OldReport.objects.create(
        organization_id=organization.pk,
        fiscal_year=2569,
        reporter_id=member.pk,
        received_on=datetime.date(2026, 1, 5),
        giver="ผู้ประกอบการ",
        description="กระเช้าปีใหม่",
        value=Decimal("1500"),
        action="kept",
    )
    old_type = old.get_model("contenttypes", "ContentType").objects.create(
        app_label="plans", model="giftreport"
    )
    AuditEvent.objects.create(
        organization=organization,
        action="gift_report.create",
        object_type="plans.giftreport",
        object_id=str(report.pk),
    )
    migrate_to_latest()

    moved = GiftReport.objects.for_organization(organization).get()
    assert (moved.pk, moved.description, moved.reporter_id) == (
        report.pk,
        "กระเช้าปีใหม่",
        member.pk,
    )
    assert GiftReport._meta.db_table == "integrity_giftreport"
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(GiftReport).pk == old_type.pk
    event = AuditEvent.objects.get(action="gift_report.create")
    assert event.object_type == "integrity.giftreport"
