"""Public URLs of the ethics page, at ``/<org>/integrity/ethics/``."""

from django.urls import path

from . import views_public_ethics as views

urlpatterns = [
    path("", views.ethics, name="ethics"),
    path("<int:fiscal_year>/", views.ethics, name="ethics-year"),
    path("<int:fiscal_year>/report.pdf", views.report_pdf, name="ethics-report-pdf"),
    path("<int:fiscal_year>/report.docx", views.report_docx, name="ethics-report-docx"),
]
