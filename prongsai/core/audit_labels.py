"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``), and the labels
of change keys shared by every app that are not model fields."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    "retention.apply": _("Personal data removed at the end of retention"),
    "publication.publish": _("Published"),
    "publication.withdraw": _("Withdrawn from the public pages"),
}

# Change keys that name no field of the record: ``{key: label}`` here, or
# ``{(object type, key): label}`` in the app that writes them.
FIELD_LABELS = {
    # Imports (``**outcome``) and bulk changes.
    "created": _("Records added"),
    "updated": _("Records changed"),
    "unchanged": _("Records unchanged"),
    "fields": _("Fields changed"),
    "rows": _("Rows"),
    "file": _("File"),
    "reason": _("Reason"),
    "version": _("Version"),
    "line": _("LINE"),
    "item": pgettext_lazy("statistics row", "Item"),
    "measures": _("Measures"),
    "count": pgettext_lazy("count", "Number"),
    "publication": _("Publication number"),
    "sha256": _("SHA-256 of the PDF"),
}
