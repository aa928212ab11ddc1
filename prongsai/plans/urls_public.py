"""Public URLs of published plans, mounted at ``/<org>/plans/``."""

from django.urls import path

from . import views_public

app_name = "plans-public"

urlpatterns = [
    path("", views_public.plan_list, name="plan-list"),
    path("<int:pk>/", views_public.plan_detail, name="plan-detail"),
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
    path(
        "<int:pk>/six-month-report.docx",
        views_public.plan_six_month_report_docx,
        name="plan-six-month-report-docx",
    ),
    path(
        "<int:pk>/annual-report.docx",
        views_public.plan_annual_report_docx,
        name="plan-annual-report-docx",
    ),
]
