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
    # --- budget part: the annual budget and its spending ---
    "budget.create": _("Annual budget recorded"),
    "budget.update": _("Annual budget edited"),
    "budget_line.create": _("Budget line added"),
    "budget_line.update": _("Budget line edited"),
    "budget_line.delete": _("Budget line deleted"),
    "budget_line.project": _("Budget line linked to a plan project"),
    "budget_change.transfer": _("Budget transfer recorded"),
    "budget_change.supplementary": _("Supplementary budget recorded"),
    "budget_change.delete": _("Budget transfer or supplementary budget removed"),
    "budget_commitment.suggest": _("Budget line suggested for a procurement"),
    "budget_commitment.suggest_year": _(
        "Budget lines suggested for the year's procurement"
    ),
    "budget_commitment.confirm": _("Procurement linked to a budget line"),
    "budget_commitment.reject": _("Procurement's budget line rejected"),
    "budget_disbursement.save": _("Monthly disbursements recorded"),
    "budget_import.lines": _("Budget lines imported"),
    "budget_import.disbursements": _("Disbursements imported"),
    "operation_plan.generate": _("Operation plan made from the budget"),
    "operation_item.create": _("Operation plan row added"),
    "operation_item.update": _("Operation plan row edited"),
    "operation_item.delete": _("Operation plan row removed"),
    "operation_plan.publish": _("Operation plan published"),
    "operation_plan.withdraw": _("Operation plan withdrawn from the public pages"),
    "six_month_report.publish": _("Six-month spending report published"),
    "six_month_report.withdraw": _(
        "Six-month spending report withdrawn from the public pages"
    ),
    # --- end of budget part ---
    # --- results ---
    "project_year.result": _("Project result of the year recorded"),
    "project_photo.add": _("Project photo added"),
    "project_photo.delete": _("Project photo deleted"),
    "results_report.save": _("Results report edited"),
    "results_report.publish": _("Results report published"),
    "results_report.withdraw": _("Results report withdrawn from the public pages"),
}

FIELD_LABELS = {
    # --- part: plan ---
    ("budget.project", "planned_amounts"): _("Planned budget per fiscal year (baht)"),
    ("budget.developmentplan", "file"): _("Imported file"),
    ("budget.developmentplan", "rows"): _("Rows imported"),
    # --- end part: plan ---
    # --- budget part ---
    ("budget.budgetchange", "new_line"): _("Set up as a new line"),
    ("budget.budget", "added"): _("Rows added"),
    ("budget.budget", "procurements"): _("Procurements with a suggestion"),
    ("budget.budgetimport", "file"): _("File"),
    # --- end of budget part ---
    # --- results ---
    ("budget.project", "photo"): _("Photo (id)"),
}
