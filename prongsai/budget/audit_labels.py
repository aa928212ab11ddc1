"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # --- results ---
    "project_year.result": _("Project result of the year recorded"),
    "project_photo.add": _("Project photo added"),
    "project_photo.delete": _("Project photo deleted"),
    "results_report.save": _("Results report edited"),
    "results_report.publish": _("Results report published"),
    "results_report.withdraw": _("Results report withdrawn from the public pages"),
}

FIELD_LABELS = {
    # --- results ---
    ("budget.project", "photo"): _("Photo (id)"),
}
