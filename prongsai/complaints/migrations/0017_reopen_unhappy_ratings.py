"""Unhappy ratings reopen the case at once; the ones still waiting are reopened.

Before, a rating of 1 or 2 only set ``reopen_requested`` and waited for an
officer. Each resolved case still waiting that way is reopened (in progress)
with a "reopened after an unhappy rating" entry, the record the statistics
count. Every rating entry gets its score (the case's latest rating) so that
the satisfaction figures keep ratings given before a case was reopened.
"""

from django.db import migrations
from django.utils import timezone


def keep_scores(apps) -> int:
    Case = apps.get_model("complaints", "Case")
    CaseEntry = apps.get_model("complaints", "CaseEntry")
    done = 0
    for case_id, score in Case.objects.filter(satisfaction__isnull=False).values_list(
        "pk", "satisfaction"
    ):
        entry = (
            CaseEntry.objects.filter(case_id=case_id, type="rating", score__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        if entry is not None:
            entry.score = score
            entry.save(update_fields=["score"])
            done += 1
    return done


def reopen_waiting(apps, schema_editor=None) -> int:
    """Reopen resolved cases whose unhappy rating waited; return how many."""
    Case = apps.get_model("complaints", "Case")
    CaseEntry = apps.get_model("complaints", "CaseEntry")
    keep_scores(apps)
    now = timezone.now()
    reopened = 0
    for case in Case.objects.filter(reopen_requested=True, status="resolved"):
        CaseEntry.objects.create(
            case=case,
            type="reopen",
            from_status="resolved",
            to_status="in_progress",
            text=case.satisfaction_comment,
            score=case.satisfaction,
            is_public=True,
            delivery="page",
        )
        case.status = "in_progress"
        case.closed_at = None
        case.satisfaction = None
        case.reopen_requested = False
        case.updated_at = now
        case.save(
            update_fields=[
                "status",
                "closed_at",
                "satisfaction",
                "reopen_requested",
                "updated_at",
            ]
        )
        reopened += 1
    Case.objects.filter(reopen_requested=True).update(reopen_requested=False)
    return reopened


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0016_honest_status"),
    ]

    operations = [
        migrations.RunPython(reopen_waiting, migrations.RunPython.noop),
    ]
