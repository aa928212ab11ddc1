"""Complaint deadlines count working days: recompute those of open cases.

Until now every complaint deadline was received time + N calendar days.
Categories and the confidential channel now state their unit, working days by
default (Monday to Friday except Thai public holidays, ending at 16:30), so the
acknowledge and resolve deadlines of every OPEN case are recomputed from its
``received_at`` in working days, and each case changed gets an internal
history entry saying so, with the old and the new deadlines. Closed cases keep
the deadlines they were handled under. Going back leaves the dates as they
are: the history entries say what they were before.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

from prongsai.core import deadlines, thai_dates

OPEN_STATUSES = ("received", "acknowledged", "in_progress")
CORRUPTION = "corruption"
# The terms in force when this migration was written (complaints.services).
DEFAULT_DAYS = (1, 15)
CONFIDENTIAL_DAYS = (3, 30)


def _when(value) -> str:
    return thai_dates.format_datetime(value, "short") if value else "-"


def recompute_open_deadlines(apps, schema_editor=None) -> int:
    """Recompute the deadlines of open cases in working days; return how many."""
    Case = apps.get_model("complaints", "Case")
    CaseEntry = apps.get_model("complaints", "CaseEntry")
    ComplaintSettings = apps.get_model("complaints", "ComplaintSettings")
    confidential_units = dict(
        ComplaintSettings.objects.values_list(
            "organization_id", "confidential_deadline_unit"
        )
    )
    changed = 0
    cases = Case.objects.filter(status__in=OPEN_STATUSES).select_related("category")
    with translation.override(settings.LANGUAGE_CODE):
        for case in cases.iterator():
            if case.kind == CORRUPTION:
                (ack, resolve), unit = CONFIDENTIAL_DAYS, confidential_units.get(
                    case.organization_id, deadlines.DayUnit.WORKING
                )
            elif case.category is not None:
                ack, resolve = case.category.acknowledge_days, case.category.resolve_days
                unit = case.category.deadline_unit
            else:
                (ack, resolve), unit = DEFAULT_DAYS, deadlines.DayUnit.WORKING
            new_ack = deadlines.due_at(case.received_at, ack, unit)
            new_resolve = deadlines.due_at(case.received_at, resolve, unit)
            if (new_ack, new_resolve) == (case.acknowledge_due, case.resolve_due):
                continue
            text = gettext(
                "Deadlines recomputed because complaint deadlines now count "
                "%(unit)s: acknowledge by %(ack)s (was %(old_ack)s), resolve by "
                "%(resolve)s (was %(old_resolve)s)."
            ) % {
                "unit": deadlines.DayUnit(unit).label,
                "ack": _when(new_ack),
                "old_ack": _when(case.acknowledge_due),
                "resolve": _when(new_resolve),
                "old_resolve": _when(case.resolve_due),
            }
            case.acknowledge_due, case.resolve_due = new_ack, new_resolve
            case.save(update_fields=["acknowledge_due", "resolve_due"])
            CaseEntry.objects.create(case=case, type="deadline", text=text)
            changed += 1
    return changed


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0010_deadline_units"),
    ]

    operations = [
        migrations.RunPython(recompute_open_deadlines, migrations.RunPython.noop),
    ]
