"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit import value_labels

ACTION_LABELS = {
    "no_gift.create": _("No Gift announcement prepared"),
    "no_gift.update": _("No Gift announcement edited"),
    "no_gift.publish": _("No Gift announcement published"),
    "no_gift.unpublish": _("No Gift announcement withdrawn from the public pages"),
    "no_gift_activity.create": _("No Gift activity added"),
    "no_gift_activity.update": _("No Gift activity edited"),
    "no_gift_activity.delete": _("No Gift activity removed"),
    "gift_report.create": _("Gift received by custom reported"),
    "gift_nil.record": _("Stated that no gifts were received"),
    "gift_nil.withdraw": _("Statement of no gifts withdrawn"),
    "coi_declaration.create": _("Declaration of interests made"),
    "coi_interest.add": _("Interest declared"),
    "coi_interest.remove": _("Declared interest removed"),
    "coi_committee.declare": _("Procurement committee declaration made"),
    "coi_flag.review": _("Conflict-of-interest flag reviewed"),
    "coi_declaration.erase": _("Declarations of interests erased on request"),
    "coi_committee.erase": _("Committee declarations erased on request"),
}

# The gift register speaks of a gift, not of a request or a progress report
# (the model fields share their names with those).
FIELD_LABELS = {
    ("integrity.giftreport", "received_on"): _("Date received"),
    ("integrity.giftreport", "action"): _("What was done with it"),
    ("integrity.giftreport", "giver"): _("Giver (person or organisation)"),
    ("integrity.giftreport", "description"): _("Property or benefit received"),
    ("integrity.giftreport", "value"): _("Estimated value in baht"),
    ("integrity.giftreport", "flagged"): _("Above the limit and kept"),
    ("integrity.coideclaration", "kind"): _("Kind of declaration"),
    ("integrity.coiinterest", "kind"): _("Kind of interest"),
    ("integrity.coiinterest", "relationship"): _("Whose interest"),
    ("integrity.coicommitteedeclaration", "role"): _("Committee"),
}

VALUE_FORMATTERS = {
    ("integrity.giftnilstatement", "reason"): value_labels(
        {"gift_report": _("A gift was reported")}
    ),
}
