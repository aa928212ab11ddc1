"""Public URLs of the HR registers, at ``/<org>/integrity/hr/`` (included
by ``urls_public``, names in the ``integrity-public`` namespace)."""

from django.urls import path, register_converter

from . import views_public_hr as v


class _Document:
    regex = "plan|report"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class _Extension(_Document):
    regex = "pdf|docx"


register_converter(_Document, "hr_document")
register_converter(_Extension, "hr_extension")

urlpatterns = [
    path("<int:fiscal_year>/", v.hr_year, name="hr-year"),
    path("<int:fiscal_year>/report/", v.hr_report, name="hr-report"),
    path(
        "<int:fiscal_year>/<hr_document:document>.<hr_extension:extension>",
        v.hr_download,
        name="hr-download",
    ),
]
