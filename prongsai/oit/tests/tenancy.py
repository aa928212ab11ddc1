"""Objects of a given organisation for the OIT routes that take one."""

from prongsai.ita.services import framework_load_files
from prongsai.oit.models import Evidence
from prongsai.oit.services import checklist_open, evidence_add

YEAR = 2569


def _checklist(organization):
    framework_load_files()
    return checklist_open(actor=None, organization=organization, fiscal_year=YEAR)


def _year(organization):
    _checklist(organization)
    return {"fiscal_year": YEAR}


def _item(organization):
    return {"pk": _checklist(organization).items.order_by("position").first().pk}


def _add(organization, code, **evidence):
    item = _checklist(organization).items.get(code=code)
    return {"pk": evidence_add(actor=None, item=item, **evidence).pk}


def _upload(organization):
    from django.core.files.base import ContentFile

    file = ContentFile(b"%PDF-1.4", name="manual.pdf")
    return _add(organization, "O8", kind=Evidence.Kind.UPLOAD, title="คู่มือ", file=file)


def _evidence(organization):
    url = "https://example.org/complaints"
    return _add(
        organization, "O17", kind=Evidence.Kind.LINK, title="ช่องทางร้องเรียน", url=url
    )


def _copy(organization):
    """A kept copy of a submitted page (no network: the rows are written)."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from prongsai.oit.models import SubmittedCopy, SubmittedUrl

    item = _checklist(organization).items.get(code="O8")
    body = b"<html>submitted</html>"
    row = SubmittedUrl.objects.create(
        organization=organization,
        item=item,
        url="https://example.org/",
        status_code=200,
    )
    copy = SubmittedCopy(
        organization=organization,
        submitted_url=row,
        fetched_url=row.url,
        fetched_at=timezone.now(),
        outcome=SubmittedCopy.Outcome.STORED,
        content_type="text/html",
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
    )
    copy.file.save("copy.html", ContentFile(body), save=False)
    copy.save()
    return {"pk": copy.pk}


ROUTE_OBJECTS = {
    "oit-staff:checklist": _year,
    "oit-staff:submit": _year,
    "oit-staff:link-check": _year,
    "oit-staff:scores": _year,
    "oit-staff:submitted": _year,
    "oit-staff:copy-download": _copy,
    "oit-staff:export-xlsx": _year,
    "oit-staff:export-csv": _year,
    "oit-staff:item": _item,
    "oit-staff:item-status": _item,
    "oit-staff:item-release": _item,
    "oit-staff:evidence-remove": _evidence,
    "portal-public:oit-year": _year,
    "portal-public:oit-evidence": _upload,
}
