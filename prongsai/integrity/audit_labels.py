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
    "asset.create": _("Asset added to the register"),
    "asset.update": _("Asset edited"),
    "asset_loan.request": _("Asset loan requested"),
    "asset_loan.transition": _("Asset loan status changed"),
    "asset_loan.remove_personal_data": _("Borrower's personal data removed"),
    "asset_loan_rules.save": _("Borrowing rules edited"),
    "asset_loan_rules.publish": _("Borrowing rules published"),
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
    ("integrity.asset", "code"): _("Asset number"),
    ("integrity.asset", "custodian"): _("Custodian"),
    ("integrity.assetloan", "handover_note"): _(
        "Condition of the items when handed over"
    ),
    ("integrity.assetloan", "return_note"): _("Damage or missing items"),
    ("integrity.assetloan", "returned_on"): _("Returned on"),
    ("integrity.assetloan", "late"): _("Late"),
    ("integrity.assetloan", "damaged"): _("Damaged or missing"),
}

VALUE_FORMATTERS = {
    ("integrity.giftnilstatement", "reason"): value_labels(
        {"gift_report": _("A gift was reported")}
    ),
}
