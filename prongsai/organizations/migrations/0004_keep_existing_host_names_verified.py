"""Host names set before verification existed stay served.

Until now only the platform operator set host names in practice (the field was
new and needed the operator's DNS and ALLOWED_HOSTS changes to work at all), so
every existing host name is marked verified with the method ``migration``.
The platform's own host names are never served as an organisation's host even
so: the host lookup refuses them whatever the database says. Operators who
want to re-check an old name can clear it and have the organisation verify it.
"""

from django.db import migrations
from django.utils import timezone


def keep_verified(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    Organization.objects.exclude(host_name="").filter(
        host_verified_at__isnull=True
    ).update(host_verified_at=timezone.now(), host_verified_by="migration")


def forget_verification(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    Organization.objects.filter(host_verified_by="migration").update(
        host_verified_at=None, host_verified_by=""
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_host_name_verification")]

    operations = [migrations.RunPython(keep_verified, forget_verification)]
