"""Which requests were already reminded today moves from the request to the
notifications' one de-duplication table (per person), so the hourly reminder
after the upgrade does not repeat today's; then the request's field goes."""

from django.db import migrations


def carry_over(apps, schema_editor):
    ServiceRequest = apps.get_model("eservices", "ServiceRequest")
    Membership = apps.get_model("organizations", "Membership")
    SentKey = apps.get_model("notifications", "SentKey")
    rows = (
        ServiceRequest.objects.filter(last_reminded_on__isnull=False)
        .values(
            "pk",
            "organization_id",
            "assignee_id",
            "service__officer_id",
            "last_reminded_on",
        )
        .order_by("pk")
    )
    memberships = {
        (m["organization_id"], m["user_id"]): m["pk"]
        for m in Membership.objects.values("pk", "organization_id", "user_id")
    }
    batch = []
    for row in rows.iterator():
        day = row["last_reminded_on"].isoformat()
        for user_id in {row["assignee_id"], row["service__officer_id"]} - {None}:
            membership_id = memberships.get((row["organization_id"], user_id))
            if membership_id is None:
                continue
            batch.append(
                SentKey(
                    organization_id=row["organization_id"],
                    recipient=f"m:{membership_id}",
                    key=f"eservices.deadline:{row['pk']}:{day}",
                    sent_on=row["last_reminded_on"],
                )
            )
        if len(batch) >= 1000:
            SentKey.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    SentKey.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("eservices", "0010_remove_line_login"),
        ("notifications", "0001_notifications_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RemoveField(model_name="servicerequest", name="last_reminded_on"),
    ]
