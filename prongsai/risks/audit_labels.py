"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "risk_assessment.create": _("Risk assessment created"),
    "risk_assessment.publish": _("Risk assessment published"),
    "risk_assessment.unpublish": _("Risk assessment withdrawn from the public pages"),
    "risk.create": _("Risk added"),
    "risk.update": _("Risk edited"),
    "risk.follow_up": _("Risk follow-up recorded"),
}
