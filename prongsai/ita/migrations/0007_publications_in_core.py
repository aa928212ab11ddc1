"""The analysis report's publications move to ``core.Publication``.

Every row keeps its number, date, publisher, snapshot, PDF (the same file:
only the reference moves), digest and withdrawal; then the ITA-only model
goes. Going back copies them the other way.
"""

from django.db import migrations

FIELDS = (
    "number",
    "published_at",
    "published_by_id",
    "published_by_name",
    "published_by_position",
    "sha256",
    "withdrawn_at",
)


def _report_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="ita", model="analysisreport"
    )
    return content_type


def to_core(apps, schema_editor):
    AnalysisPublication = apps.get_model("ita", "AnalysisPublication")
    Publication = apps.get_model("core", "Publication")
    content_type = _report_type(apps)
    Publication.objects.bulk_create(
        Publication(
            organization_id=row.organization_id,
            content_type=content_type,
            object_id=row.report_id,
            snapshot=row.snapshot or {},
            pdf=row.pdf.name,
            **{name: getattr(row, name) for name in FIELDS},
        )
        for row in AnalysisPublication.objects.order_by("report_id", "number")
    )


def from_core(apps, schema_editor):
    AnalysisPublication = apps.get_model("ita", "AnalysisPublication")
    Publication = apps.get_model("core", "Publication")
    content_type = _report_type(apps)
    rows = Publication.objects.filter(content_type=content_type)
    AnalysisPublication.objects.bulk_create(
        AnalysisPublication(
            organization_id=row.organization_id,
            report_id=row.object_id,
            snapshot=row.snapshot or None,
            pdf=row.pdf.name,
            **{name: getattr(row, name) for name in FIELDS},
        )
        for row in rows.order_by("object_id", "number")
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_publications"),
        ("ita", "0006_provisional_frameworks_own_rules_itas_surveys"),
    ]

    operations = [
        migrations.RunPython(to_core, from_core),
        migrations.DeleteModel(name="AnalysisPublication"),
    ]
