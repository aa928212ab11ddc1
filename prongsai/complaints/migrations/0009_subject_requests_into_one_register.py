"""Data-subject requests logged in the complaint centre move into the one
register of the organisation (``organizations.DataSubjectRequest``)."""

from django.db import migrations

OUTCOMES = {"": "", "done": "done", "partly": "partly", "refused": "refused"}


def forwards(apps, schema_editor):
    Old = apps.get_model("complaints", "DataSubjectRequest")
    New = apps.get_model("organizations", "DataSubjectRequest")
    for old in Old.objects.select_related("case").order_by("id").iterator():
        New.objects.create(
            organization_id=old.organization_id,
            kind=old.type,
            requester=old.requester,
            received_on=old.received_on,
            due_on=old.due_on,
            related_reference=old.case.reference if old.case_id else "",
            details=old.details,
            outcome=OUTCOMES.get(old.outcome, old.outcome),
            answered_on=old.answered_on,
            handled_by_id=old.recorded_by_id,
            requested_at=old.created_at,
        )


def backwards(apps, schema_editor):
    Old = apps.get_model("complaints", "DataSubjectRequest")
    New = apps.get_model("organizations", "DataSubjectRequest")
    for new in New.objects.exclude(requester="").order_by("id").iterator():
        Old.objects.create(
            organization_id=new.organization_id,
            type=new.kind,
            requester=new.requester,
            received_on=new.received_on,
            due_on=new.due_on or new.received_on,
            details=new.details,
            outcome=new.outcome if new.outcome in OUTCOMES else "done",
            answered_on=new.answered_on,
            recorded_by_id=new.handled_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0008_remove_channel_secrets"),
        ("organizations", "0007_data_subject_register_logged_requests"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="DataSubjectRequest"),
    ]
