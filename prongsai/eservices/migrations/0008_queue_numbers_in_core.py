"""Queue numbers come from core.Sequence; Service.last_sequence goes.

Each service's counter starts at the higher of its old counter and the
highest queue number of its requests.
"""

from django.db import migrations
from django.db.models import Max


def start_counters(apps, schema_editor):
    Service = apps.get_model("eservices", "Service")
    ServiceRequest = apps.get_model("eservices", "ServiceRequest")
    Sequence = apps.get_model("core", "Sequence")
    highest = dict(
        ServiceRequest.objects.values("service_id")
        .annotate(last=Max("sequence"))
        .values_list("service_id", "last")
    )
    rows = Service.objects.values_list("pk", "organization_id", "last_sequence")
    for pk, organization_id, last_sequence in rows.iterator(chunk_size=2000):
        number = max(last_sequence or 0, highest.get(pk) or 0)
        if number:
            Sequence.objects.update_or_create(
                organization_id=organization_id,
                name=f"eservices.request.{pk}",
                fiscal_year=0,
                defaults={"last_value": number},
            )


def restore_counters(apps, schema_editor):
    Service = apps.get_model("eservices", "Service")
    Sequence = apps.get_model("core", "Sequence")
    rows = Sequence.objects.filter(name__startswith="eservices.request.")
    for name, last_value in rows.values_list("name", "last_value"):
        pk = name.rsplit(".", 1)[1]
        if pk.isdigit():
            Service.objects.filter(pk=int(pk)).update(last_sequence=last_value)


class Migration(migrations.Migration):
    dependencies = [
        ("eservices", "0007_move_attachments_to_private_storage"),
        ("core", "0004_running_numbers"),
    ]

    operations = [
        migrations.RunPython(start_counters, restore_counters),
        migrations.RemoveField(model_name="service", name="last_sequence"),
    ]
