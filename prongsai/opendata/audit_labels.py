"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "dataset.create": _("Dataset added to the open-data catalogue"),
    "dataset.sync": _("Dataset data refreshed"),
    "dataset.withdraw": _("Dataset withdrawn (no data)"),
    "dataset.update": _("Dataset metadata changed"),
    "catalogue_settings.update": _("Open-data catalogue settings changed"),
}
