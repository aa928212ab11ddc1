"""Back-office URLs of the budget part (included by urls_staff): the budget
of each year, its spending, the operation plan and the spending reports."""

from django.urls import path

from . import views_staff_budget as v
from . import views_staff_spending as s

YEAR = "years/<int:year>/"

urlpatterns = [
    path("years/", v.budget_years, name="years"),
    path(YEAR, v.budget_year, name="year"),
    path(f"{YEAR}edit/", v.budget_edit, name="year-edit"),
    path(f"{YEAR}lines/new/", v.line_create, name="line-create"),
    path(f"{YEAR}lines/<int:pk>/", v.line_detail, name="line"),
    path(f"{YEAR}lines/<int:pk>/edit/", v.line_edit, name="line-edit"),
    path(f"{YEAR}lines/<int:pk>/delete/", v.line_delete, name="line-delete"),
    path(f"{YEAR}lines/<int:pk>/project/", v.line_project, name="line-project"),
    path(f"{YEAR}transfers/new/", v.transfer_create, name="transfer-create"),
    path(
        f"{YEAR}supplementary/new/", v.supplementary_create, name="supplementary-create"
    ),
    path(f"{YEAR}changes/<int:pk>/delete/", v.change_delete, name="change-delete"),
    path(f"{YEAR}import/<slug:kind>/", v.budget_import, name="import"),
    path(f"{YEAR}imports/<int:pk>/", v.budget_import_preview, name="import-preview"),
    path(f"{YEAR}procurement/", s.procurement_unlinked, name="procurement"),
    path(
        f"{YEAR}procurement/suggest/", s.procurement_suggest, name="procurement-suggest"
    ),
    path(
        f"{YEAR}procurement/<int:pk>/link/", s.procurement_link, name="procurement-link"
    ),
    path(
        f"{YEAR}commitments/<int:pk>/<slug:decision>/",
        s.commitment_decide,
        name="commitment-decide",
    ),
    path(f"{YEAR}operation-plan/", s.operation_plan, name="operation-plan"),
    path(
        f"{YEAR}operation-plan/generate/",
        s.operation_plan_generate,
        name="operation-plan-generate",
    ),
    path(
        f"{YEAR}operation-plan/publish/",
        s.operation_plan_publish,
        name="operation-plan-publish",
    ),
    path(
        f"{YEAR}operation-plan/items/new/",
        s.operation_item_edit,
        name="operation-item-create",
    ),
    path(
        f"{YEAR}operation-plan/items/<int:pk>/edit/",
        s.operation_item_edit,
        name="operation-item-edit",
    ),
    path(
        f"{YEAR}operation-plan/items/<int:pk>/delete/",
        s.operation_item_delete,
        name="operation-item-delete",
    ),
    path(
        f"{YEAR}operation-plan.<slug:extension>",
        s.operation_plan_document,
        name="operation-plan-document",
    ),
    path(f"{YEAR}reports/<slug:period>/", s.spending_report, name="report"),
    path(
        f"{YEAR}reports/<slug:period>.<slug:extension>",
        s.spending_report_document,
        name="report-document",
    ),
    path(
        f"{YEAR}reports/six_month/publish/", s.six_month_publish, name="report-publish"
    ),
]
