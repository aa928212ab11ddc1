"""Copy the LINE and Facebook secrets to ``organizations.ChannelSettings``.

The encrypted column values are copied as they are stored (``fernet:…``),
never decrypted and encrypted again, so every secret stays readable with the
same keys, including one the current keys no longer open. The next migration
removes the old columns.
"""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Cast
from django.utils.crypto import get_random_string

FIELDS = (
    "line_channel_secret",
    "line_access_token",
    "facebook_app_secret",
    "facebook_page_token",
    "facebook_verify_token",
)


def _raw_rows(model, fields):
    """``{organization_id: {field: stored value}}`` without decrypting."""
    annotations = {f"raw_{f}": Cast(F(f), output_field=models.TextField()) for f in fields}
    rows = model._base_manager.annotate(**annotations).values(
        "organization_id", *annotations
    )
    return {
        row["organization_id"]: {f: row[f"raw_{f}"] or "" for f in fields}
        for row in rows
    }


def _raw_write(model, pk, values):
    """Store ``values`` as they are (already encrypted) with a plain UPDATE."""
    model._base_manager.filter(pk=pk).update(
        **{f: Value(v, output_field=models.TextField()) for f, v in values.items()}
    )


def copy_to_organizations(apps, schema_editor):
    ComplaintSettings = apps.get_model("complaints", "ComplaintSettings")
    ChannelSettings = apps.get_model("organizations", "ChannelSettings")
    for organization_id, values in _raw_rows(ComplaintSettings, FIELDS).items():
        if not any(values.values()):
            continue
        row, _created = ChannelSettings._base_manager.get_or_create(
            organization_id=organization_id
        )
        _raw_write(ChannelSettings, row.pk, values)


def copy_back(apps, schema_editor):
    ComplaintSettings = apps.get_model("complaints", "ComplaintSettings")
    ChannelSettings = apps.get_model("organizations", "ChannelSettings")
    for organization_id, values in _raw_rows(ChannelSettings, FIELDS).items():
        if not any(values.values()):
            continue
        row, _created = ComplaintSettings._base_manager.get_or_create(
            organization_id=organization_id,
            defaults={"receipt_salt": get_random_string(22)},
        )
        _raw_write(ComplaintSettings, row.pk, values)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_reference_counters"),
        ("organizations", "0006_channel_settings"),
    ]

    operations = [migrations.RunPython(copy_to_organizations, copy_back)]
