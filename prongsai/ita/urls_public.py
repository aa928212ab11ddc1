"""Public ITA pages of an organisation, mounted at ``/<org>/ita/``."""

from django.urls import path

from . import views_public

app_name = "ita-public"

urlpatterns = [
    path("", views_public.public_list, name="list"),
    path("<int:fiscal_year>/", views_public.public_report, name="report"),
    path(
        "<int:fiscal_year>/report.pdf",
        views_public.public_report_pdf,
        name="report-pdf",
    ),
]
