"""Back-office URLs of the development plan, the budget and its spending, at
``/<org>/staff/budget/``. Each part keeps its routes in its own module."""

from django.urls import include, path

from . import urls_staff_budget, urls_staff_plan, urls_staff_results

app_name = "budget-staff"

urlpatterns = [
    path("", include(urls_staff_plan)),
    path("", include(urls_staff_budget)),
    path("", include(urls_staff_results)),
]
