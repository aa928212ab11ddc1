"""Public URLs of published plans, mounted at ``/<org>/plans/``."""

from django.urls import path

from . import views_public

app_name = "public-plans"

urlpatterns = [
    path("", views_public.plan_list, name="plan-list"),
    path("<int:pk>/", views_public.plan_detail, name="plan-detail"),
    path("risks/<int:pk>/", views_public.risk_detail, name="risk-detail"),
    path("risks/<int:pk>/report.pdf", views_public.risk_report, name="risk-report"),
    path("participation/", views_public.participation, name="participation"),
    path(
        "<int:pk>/six-month-report.pdf",
        views_public.plan_six_month_report,
        name="plan-six-month-report",
    ),
    path(
        "<int:pk>/annual-report.pdf",
        views_public.plan_annual_report,
        name="plan-annual-report",
    ),
]
