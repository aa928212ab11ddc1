"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit import value_labels

ACTION_LABELS = {
    "plan.create": _("Plan created"),
    "plan.update": _("Plan edited"),
    "plan.submit": _("Plan submitted for approval"),
    "plan.approve": _("Plan approved"),
    "plan.return": _("Plan returned for changes"),
    "plan.revise": _("Plan revision started"),
    "plan.publish": _("Plan published"),
    "plan.unpublish": _("Plan withdrawn from the public pages"),
    "plan.report_narrative": _("Report narrative written"),
    "plan.draft_from_analysis": _("Plan drafted from the ITA analysis"),
    "measure.create": _("Measure added"),
    "measure.update": _("Measure edited"),
    "measure.delete": _("Measure removed"),
    "measure.link_case": _("Complaint linked to a measure"),
    "measure.unlink_case": _("Complaint unlinked from a measure"),
    "activity.create": _("Activity added"),
    "activity.update": _("Activity edited"),
    "activity.delete": _("Activity removed"),
    "progress.create": _("Progress reported"),
    "proposal.create": _("Measure proposed"),
    "proposal.support": _("Proposal supported"),
    "proposal.adopt": _("Proposal adopted into the plan"),
    "proposal.decline": _("Proposal declined"),
    "comment.create": _("Comment posted"),
    "reminder.send": _("Reminder sent"),
    "plan_settings.update": _("Plan follow-up settings changed"),
}

VALUE_FORMATTERS = {
    ("plans.measure", "kind"): value_labels(
        {
            "due_soon": _("Due soon"),
            "overdue": _("Overdue"),
            "no_update": _("No recent progress report"),
        }
    ),
    # A complaint linked ([None, reference]) or unlinked ([reference, None]).
    ("plans.measure", "case"): lambda value: ", ".join(
        str(v) for v in (value if isinstance(value, list) else [value]) if v
    ),
}
