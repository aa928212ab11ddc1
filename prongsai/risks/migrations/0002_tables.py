"""The register's tables take their own names (``risks_*``) and its content
types their own app label, so that permissions and audit rows that point at
them follow. Reversible."""

from django.db import migrations

MODELS = ("riskassessment", "risk")


def _relabel(apps, schema_editor, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if rows.filter(app_label=new, model=model).exists():
            continue
        rows.filter(app_label=old, model=model).update(app_label=new)


def to_risks(apps, schema_editor):
    _relabel(apps, schema_editor, "plans", "risks")


def to_plans(apps, schema_editor):
    _relabel(apps, schema_editor, "risks", "plans")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("plans", "0006_risks_to_own_app"),
        ("risks", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="riskassessment", table=None),
        migrations.AlterModelTable(name="risk", table=None),
        migrations.RunPython(to_risks, to_plans),
    ]
