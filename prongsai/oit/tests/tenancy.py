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


def _upload(organization):
    from django.core.files.base import ContentFile

    item = _checklist(organization).items.get(code="O8")
    evidence = evidence_add(
        actor=None,
        item=item,
        kind=Evidence.Kind.UPLOAD,
        title="คู่มือ",
        file=ContentFile(b"%PDF-1.4", name="manual.pdf"),
    )
    return {"pk": evidence.pk}


def _evidence(organization):
    item = _checklist(organization).items.get(code="O17")
    evidence = evidence_add(
        actor=None,
        item=item,
        kind=Evidence.Kind.LINK,
        title="ช่องทางร้องเรียน",
        url="https://example.org/complaints",
    )
    return {"pk": evidence.pk}


ROUTE_OBJECTS = {
    "oit:checklist": _year,
    "oit:submit": _year,
    "oit:link-check": _year,
    "oit:scores": _year,
    "oit:export-xlsx": _year,
    "oit:export-csv": _year,
    "oit:item": _item,
    "oit:item-status": _item,
    "oit:evidence-remove": _evidence,
    "portal-public:oit-year": _year,
    "portal-public:oit-evidence": _upload,
}
