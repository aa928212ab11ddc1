"""Public ITA pages of an organisation, mounted at ``/<org>/ita/``."""

from django.urls import path

from . import views

app_name = "ita-public"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:fiscal_year>/", views.public_report, name="report"),
    path("<int:fiscal_year>/report.pdf", views.public_report_pdf, name="report-pdf"),
]
