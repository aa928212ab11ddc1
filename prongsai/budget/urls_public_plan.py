"""Public URLs of the published development plan (included by urls_public),
at ``/<org>/budget/plan/``."""

from django.urls import path

from . import views_public_plan as v
from .urls_staff_plan import _PlanDocument, _PlanExtension  # noqa: F401 (converters)

urlpatterns = [
    path("plan/", v.plan_current, name="plan"),
    path("plan/<int:first_year>/", v.plan_year, name="plan-year"),
    path(
        "plan/<int:first_year>/<plan_document:document>.<plan_extension:extension>",
        v.plan_download,
        name="plan-download",
    ),
]
