"""Public URLs of "งบประมาณของเรา", at ``/<org>/budget/``."""

from django.urls import include, path

from . import urls_public_budget

app_name = "budget-public"

urlpatterns = [
    path("", include(urls_public_budget)),
    path("", include("prongsai.budget.urls_public_plan")),
]
