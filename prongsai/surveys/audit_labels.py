"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "survey.create": _("Survey created"),
    "survey.status": _("Survey opened or closed"),
    "survey.round_send": _("IIT survey links sent to the members"),
    "survey.round_paper_links": _(
        "IIT survey links printed for staff without an account"
    ),
}

FIELD_LABELS = {
    ("surveys.survey", "round"): _("Round"),
    ("surveys.survey", "invited"): _("Members invited"),
}
