"""OIT reminder digests are remembered in the notifications' one
de-duplication table: each digest already sent is carried over (same content
key and date), so the weekly rhythm goes on after the upgrade and nobody gets
the same digest twice; then the OIT table goes."""

from django.db import migrations


def carry_over(apps, schema_editor):
    ReminderDigest = apps.get_model("oit", "ReminderDigest")
    Membership = apps.get_model("organizations", "Membership")
    SentKey = apps.get_model("notifications", "SentKey")
    memberships = {
        (m["organization_id"], m["user_id"]): m["pk"]
        for m in Membership.objects.values("pk", "organization_id", "user_id")
    }
    batch = []
    for row in ReminderDigest.objects.order_by("pk").iterator():
        membership_id = memberships.get((row.organization_id, row.recipient_id))
        if membership_id is None:
            continue
        batch.append(
            SentKey(
                organization_id=row.organization_id,
                recipient=f"m:{membership_id}",
                key=(
                    f"oit.digest:{row.checklist_id}:{row.digest_key}:"
                    f"{row.sent_on.isoformat()}"
                ),
                sent_on=row.sent_on,
            )
        )
        if len(batch) >= 1000:
            SentKey.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    SentKey.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("oit", "0002_oit_reminder_digest"),
        ("notifications", "0001_notifications_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReminderDigest"),
    ]
