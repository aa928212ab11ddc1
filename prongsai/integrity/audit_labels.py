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
    "coi_declaration.create": _("Declaration of interests made"),
    "coi_interest.add": _("Interest declared"),
    "coi_interest.remove": _("Declared interest removed"),
    "coi_committee.declare": _("Procurement committee declaration made"),
    "coi_flag.review": _("Conflict-of-interest flag reviewed"),
    "coi_declaration.erase": _("Declarations of interests erased on request"),
    "coi_committee.erase": _("Committee declarations erased on request"),
    "ethics_document.create": _("Ethics document version recorded"),
    "ethics_document.update": _("Ethics document version edited"),
    "ethics.acknowledge": _("Code of ethics acknowledged"),
    "ethics_group.create": _("Ethics working group order recorded"),
    "ethics_group.update": _("Ethics working group order edited"),
    "ethics_group.member_add": _("Member added to the ethics working group"),
    "ethics_group.member_remove": _("Member removed from the ethics working group"),
    "ethics_guide.create": _("Dos & Don'ts guidance added"),
    "ethics_guide.update": _("Dos & Don'ts guidance edited"),
    "ethics_guide.delete": _("Dos & Don'ts guidance removed"),
    "ethics_activity.create": _("Ethics activity added"),
    "ethics_activity.update": _("Ethics activity edited"),
    "ethics_activity.delete": _("Ethics activity removed"),
    "ethics_year.publish": _("Ethics page of the year published"),
    "ethics_year.withdraw": _("Ethics page of the year withdrawn"),
    "ethics.acknowledgement_erase": _("Acknowledgement of the code erased on request"),
    "ethics_activity.participant_erase": _(
        "Participant taken off an ethics activity on request"
    ),
    "hr_criterion.create": _("HR criteria added"),
    "hr_criterion.update": _("HR criteria edited"),
    "hr_criterion.delete": _("HR criteria removed"),
    "hr_plan.create": _("HR plan prepared"),
    "hr_plan.update": _("HR plan edited"),
    "hr_project.create": _("HR plan project added"),
    "hr_project.update": _("HR plan project edited"),
    "hr_project.result": _("HR plan project result recorded"),
    "hr_project.delete": _("HR plan project removed"),
    "training.create": _("Training record added"),
    "training.update": _("Training record edited"),
    "training.delete": _("Training record removed"),
    "training.import": _("Training records imported"),
    "hr_report.update": _("HR report edited"),
    "hr_plan.publish": _("HR plan published"),
    "hr_plan.withdraw": _("HR plan withdrawn from the public pages"),
    "hr_report.publish": _("HR report published"),
    "hr_report.withdraw": _("HR report withdrawn from the public pages"),
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
    ("integrity.hrcriterion", "effective_from"): _("In force from"),
    ("integrity.hrcriterion", "effective_to"): _("In force until"),
    ("integrity.hrproject", "budget"): _("Planned budget (baht)"),
    ("integrity.hrproject", "budget_used"): _("Budget used (baht)"),
    ("integrity.hrproject", "status"): _("Result"),
    ("integrity.trainingrecord", "ethics"): _("Ethics content"),
    ("integrity.trainingrecord", "hours"): _("Hours"),
    ("integrity.trainingimport", "rows"): _("Rows imported"),
    ("integrity.asset", "code"): _("Asset number"),
    ("integrity.asset", "custodian"): _("Custodian"),
    ("integrity.assetloan", "handover_note"): _(
        "Condition of the items when handed over"
    ),
    ("integrity.assetloan", "return_note"): _("Damage or missing items"),
    ("integrity.assetloan", "returned_on"): _("Returned on"),
    ("integrity.assetloan", "late"): _("Late"),
    ("integrity.assetloan", "damaged"): _("Damaged or missing"),
    # {asset id: quantity} of the loan's lines when it was requested.
    ("integrity.assetloan", "lines"): _("Items and quantities (asset id: quantity)"),
    ("integrity.coideclaration", "kind"): _("Kind of declaration"),
    ("integrity.coiinterest", "kind"): _("Kind of interest"),
    ("integrity.coiinterest", "relationship"): _("Whose interest"),
    ("integrity.coicommitteedeclaration", "role"): _("Committee"),
    ("integrity.ethicsguide", "items"): _("Pairs of do and don't"),
}

VALUE_FORMATTERS = {
    ("integrity.giftnilstatement", "reason"): value_labels(
        {"gift_report": _("A gift was reported")}
    ),
}
