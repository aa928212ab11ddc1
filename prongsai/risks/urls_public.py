"""Public URLs of published risk assessments, mounted at ``/<org>/plans/risks/``."""

from django.urls import path

from . import views_public

app_name = "risks-public"

urlpatterns = [
    path("<int:pk>/", views_public.risk_detail, name="risk-detail"),
    path("<int:pk>/report.pdf", views_public.risk_report, name="risk-report"),
]
