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


ROUTE_OBJECTS = {
    "oit-staff:checklist": _year,
    "oit-staff:submit": _year,
    "oit-staff:link-check": _year,
    "oit-staff:scores": _year,
    "oit-staff:export-xlsx": _year,
    "oit-staff:export-csv": _year,
    "oit-staff:item": _item,
    "oit-staff:item-status": _item,
    "oit-staff:item-release": _item,
    "oit-staff:evidence-remove": _evidence,
    "portal-public:oit-year": _year,
    "portal-public:oit-evidence": _upload,
}
