"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "oit_officer.appoint": _("Data officer appointed"),
    "oit_checklist.open": _("OIT checklist opened"),
    "oit_checklist.update": _("OIT checklist completed with new items"),
    "oit_checklist.submit": _("OIT checklist submitted"),
    "oit_item.update": _("OIT item edited"),
    "oit_item.status": _("OIT item status changed"),
    "oit_evidence.add": _("OIT evidence added"),
    "oit_evidence.remove": _("OIT evidence removed"),
    "oit_scores.preliminary": _("Preliminary OIT scores recorded"),
    "oit_scores.final": _("Final OIT scores recorded"),
}

# Change keys that name no field of the record.
FIELD_LABELS = {
    "added_items": _("OIT items added"),
    "urls": _("Links submitted"),
    "broken": _("Links that did not open"),
    "copies": _("Copies of the submitted pages kept"),
    ("oit.evidence", "item"): _("OIT item"),
}
