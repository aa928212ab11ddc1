"""A plan's publications move to ``core.Publication``.

Each row keeps its date, publisher and snapshot (which names the approved
version it froze), numbered from 1 per plan in the order they were made;
then the plans-only model goes. Going back copies them the other way.
"""

from django.db import migrations


def _plan_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="plans", model="plan"
    )
    return content_type


def to_core(apps, schema_editor):
    PlanPublication = apps.get_model("plans", "PlanPublication")
    Publication = apps.get_model("core", "Publication")
    content_type = _plan_type(apps)
    numbers: dict[int, int] = {}
    rows = []
    for row in PlanPublication.objects.select_related("plan", "version").order_by(
        "plan_id", "published_at", "id"
    ):
        numbers[row.plan_id] = numbers.get(row.plan_id, 0) + 1
        rows.append(
            Publication(
                organization_id=row.plan.organization_id,
                content_type=content_type,
                object_id=row.plan_id,
                number=numbers[row.plan_id],
                published_at=row.published_at,
                published_by_id=row.published_by_id,
                published_by_name=row.published_by_name,
                snapshot={"version": row.version.number, **(row.snapshot or {})},
            )
        )
    Publication.objects.bulk_create(rows)


def from_core(apps, schema_editor):
    PlanPublication = apps.get_model("plans", "PlanPublication")
    PlanVersion = apps.get_model("plans", "PlanVersion")
    Publication = apps.get_model("core", "Publication")
    rows = Publication.objects.filter(content_type=_plan_type(apps))
    for row in rows.order_by("object_id", "number"):
        version = PlanVersion.objects.filter(
            plan_id=row.object_id, number=(row.snapshot or {}).get("version")
        ).first()
        if version is None:
            continue
        PlanPublication.objects.create(
            plan_id=row.object_id,
            version=version,
            published_at=row.published_at,
            published_by_id=row.published_by_id,
            published_by_name=row.published_by_name,
            snapshot=row.snapshot or {},
        )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_publications"),
        ("plans", "0008_plan_publications"),
    ]

    operations = [
        migrations.RunPython(to_core, from_core),
        migrations.DeleteModel(name="PlanPublication"),
    ]
