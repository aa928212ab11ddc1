"""Start the reference counters (core.Sequence) at the highest number in use.

References were numbered by sorting them as text, which put C2570-10000 below
C2570-9999. The counters take over; each starts at the highest number of its
organisation, prefix and fiscal year, compared as a number.
"""

import re

from django.db import migrations

REFERENCE = re.compile(r"^([CR])(\d{4})-(\d+)$")


def start_counters(apps, schema_editor):
    Case = apps.get_model("complaints", "Case")
    Sequence = apps.get_model("core", "Sequence")
    highest = {}
    rows = Case.objects.values_list("organization_id", "reference").iterator(
        chunk_size=2000
    )
    for organization_id, reference in rows:
        match = REFERENCE.match(reference)
        if not match:
            continue
        prefix, year, number = match.groups()
        key = (organization_id, prefix, int(year))
        highest[key] = max(highest.get(key, 0), int(number))
    for (organization_id, prefix, year), number in highest.items():
        row, created = Sequence.objects.get_or_create(
            organization_id=organization_id,
            name=f"complaints.case.{prefix}",
            fiscal_year=year,
            defaults={"last_value": number},
        )
        if not created and row.last_value < number:
            row.last_value = number
            row.save(update_fields=["last_value"])


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_seed_recipients_hold_unlisted_addresses"),
        ("core", "0004_running_numbers"),
    ]

    operations = [migrations.RunPython(start_counters, migrations.RunPython.noop)]
