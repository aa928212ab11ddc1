"""Back-office URLs of the plan part (included by urls_staff), at
``/<org>/staff/budget/plans/``."""

from django.urls import path, register_converter

from . import views_staff_plan as v


class _PlanDocument:
    regex = "p01|p02"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class _PlanExtension(_PlanDocument):
    regex = "pdf|docx"


register_converter(_PlanDocument, "plan_document")
register_converter(_PlanExtension, "plan_extension")

urlpatterns = [
    path("plans/", v.plan_list, name="plan-list"),
    path("plans/new/", v.plan_edit, name="plan-create"),
    path("plans/<int:pk>/", v.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", v.plan_edit, name="plan-edit"),
    path(
        "plans/<int:plan_pk>/strategies/new/",
        v.strategy_edit,
        name="plan-strategy-create",
    ),
    path("plans/strategies/<int:pk>/edit/", v.strategy_edit, name="plan-strategy-edit"),
    path(
        "plans/<int:plan_pk>/programmes/new/",
        v.programme_edit,
        name="plan-programme-create",
    ),
    path(
        "plans/programmes/<int:pk>/edit/", v.programme_edit, name="plan-programme-edit"
    ),
    path(
        "plans/<int:plan_pk>/projects/new/", v.project_edit, name="plan-project-create"
    ),
    path("plans/projects/<int:pk>/edit/", v.project_edit, name="plan-project-edit"),
    path(
        "plans/projects/<int:pk>/delete/", v.project_delete, name="plan-project-delete"
    ),
    path(
        "plans/<int:plan_pk>/amendments/new/",
        v.amendment_create,
        name="plan-amendment-create",
    ),
    path("plans/<int:plan_pk>/import/", v.plan_import, name="plan-import"),
    path("plans/imports/<int:pk>/", v.plan_import_preview, name="plan-import-preview"),
    path(
        "plans/<int:pk>/<plan_document:document>.<plan_extension:extension>",
        v.plan_document,
        name="plan-document",
    ),
    path("plans/<int:pk>/publish/", v.plan_publish, name="plan-publish"),
]
