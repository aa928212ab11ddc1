"""The moved registers get this app's table names; their content types and the
audit trail's object types follow them (plans.<model> -> integrity.<model>)."""

from django.db import migrations

MODELS = ("nogiftannouncement", "nogiftactivity", "giftreport", "giftnilstatement")


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("core", "AuditEvent")
    for model in MODELS:
        taken = ContentType.objects.filter(app_label=new, model=model).exists()
        if not taken:
            ContentType.objects.filter(app_label=old, model=model).update(
                app_label=new
            )
        AuditEvent.objects.filter(object_type=f"{old}.{model}").update(
            object_type=f"{new}.{model}"
        )


def forwards(apps, schema_editor):
    _relabel(apps, "plans", "integrity")


def backwards(apps, schema_editor):
    _relabel(apps, "integrity", "plans")


class Migration(migrations.Migration):

    dependencies = [
        ("integrity", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="nogiftannouncement", table=None),
        migrations.AlterModelTable(name="nogiftactivity", table=None),
        migrations.AlterModelTable(name="giftreport", table=None),
        migrations.AlterModelTable(name="giftnilstatement", table=None),
        migrations.RunPython(forwards, backwards),
    ]
