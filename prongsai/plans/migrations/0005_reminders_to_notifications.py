"""Measure reminders are remembered in the notifications' one de-duplication
table: every reminder already sent is carried over, so that no owner is
reminded twice after the upgrade, then the plans' own table goes."""

from django.db import migrations


def carry_over(apps, schema_editor):
    Reminder = apps.get_model("plans", "Reminder")
    SentKey = apps.get_model("notifications", "SentKey")
    seen = set()
    batch = []
    rows = Reminder.objects.select_related("measure").order_by("pk").iterator()
    for row in rows:
        owner_id = row.measure.owner_id
        if owner_id is None:
            continue
        key = f"plans.reminder:{row.measure_id}:{row.kind}:{row.key}"
        ident = (row.organization_id, owner_id, key)
        if ident in seen:
            continue
        seen.add(ident)
        batch.append(
            SentKey(
                organization_id=row.organization_id,
                recipient=f"m:{owner_id}",
                key=key,
                sent_on=row.created_at.date(),
            )
        )
        if len(batch) >= 1000:
            SentKey.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    SentKey.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_no_gift_policy"),
        ("notifications", "0001_notifications_initial"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="Reminder"),
    ]
