"""Copy the LINE Login channel to ``organizations.ChannelSettings``.

The encrypted channel secret is copied as it is stored (``fernet:…``), never
decrypted and encrypted again, so it stays readable with the same keys. The
next migration removes the old columns.
"""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Cast


def _raw_rows(model):
    """``[(organization_id, channel id, stored secret)]`` without decrypting."""
    return model._base_manager.annotate(
        raw_secret=Cast(F("line_login_channel_secret"), output_field=models.TextField())
    ).values_list("organization_id", "line_login_channel_id", "raw_secret")


def _raw_write(model, pk, channel_id, secret):
    model._base_manager.filter(pk=pk).update(
        line_login_channel_id=channel_id,
        line_login_channel_secret=Value(secret, output_field=models.TextField()),
    )


def copy_to_organizations(apps, schema_editor):
    EServiceSettings = apps.get_model("eservices", "EServiceSettings")
    ChannelSettings = apps.get_model("organizations", "ChannelSettings")
    for organization_id, channel_id, secret in _raw_rows(EServiceSettings):
        if not channel_id and not secret:
            continue
        row, _created = ChannelSettings._base_manager.get_or_create(
            organization_id=organization_id
        )
        _raw_write(ChannelSettings, row.pk, channel_id, secret or "")


def copy_back(apps, schema_editor):
    EServiceSettings = apps.get_model("eservices", "EServiceSettings")
    ChannelSettings = apps.get_model("organizations", "ChannelSettings")
    for organization_id, channel_id, secret in _raw_rows(ChannelSettings):
        if not channel_id and not secret:
            continue
        row, _created = EServiceSettings._base_manager.get_or_create(
            organization_id=organization_id
        )
        _raw_write(EServiceSettings, row.pk, channel_id, secret or "")


class Migration(migrations.Migration):
    dependencies = [
        ("eservices", "0008_queue_numbers_in_core"),
        ("organizations", "0006_channel_settings"),
    ]

    operations = [migrations.RunPython(copy_to_organizations, copy_back)]
