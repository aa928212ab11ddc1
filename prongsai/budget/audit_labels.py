"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # --- part: plan ---
    "development_plan.create": _("Development plan created"),
    "development_plan.update": _("Development plan edited"),
    "development_plan.import": _("Development plan projects imported"),
    "development_plan.publish": _("Development plan published"),
    "development_plan.withdraw": _("Development plan withdrawn from the public pages"),
    "strategy.create": _("Development strategy added"),
    "strategy.update": _("Development strategy edited"),
    "programme.create": _("Programme added to the development plan"),
    "programme.update": _("Programme of the development plan edited"),
    "plan_amendment.create": _("Addition or change of the development plan recorded"),
    "development_project.create": _("Development project added"),
    "development_project.update": _("Development project edited"),
    "development_project.delete": _("Development project removed"),
    # --- end part: plan ---
}

FIELD_LABELS = {
    # --- part: plan ---
    ("budget.project", "planned_amounts"): _("Planned budget per fiscal year (baht)"),
    ("budget.developmentplan", "file"): _("Imported file"),
    ("budget.developmentplan", "rows"): _("Rows imported"),
    # --- end part: plan ---
}
