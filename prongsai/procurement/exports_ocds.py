"""OCDS release and record packages of a fiscal year's register."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from prongsai.core.urls import absolute_url

from . import ocds, selectors
from .exports import ExportError
from .models import Procurement
from .vocab import (
    BUDGET_CATEGORY_THAI,
    DOCUMENT_OCDS,
    METHOD_OCDS,
    METHOD_THAI,
    TYPE_OCDS,
)

OCID_PREFIX_DEFAULT = "ocds-prongsai"


def _base_url() -> str:
    return absolute_url("/").rstrip("/")


def ocds_publisher(organization) -> ocds.Publisher:
    return ocds.Publisher(
        name=organization.name,
        uid=organization.dla_code,
        uri=organization.website or _base_url() + organization.get_absolute_url(),
        ocid_prefix=getattr(settings, "PRONGSAI_OCID_PREFIX", OCID_PREFIX_DEFAULT),
    )


def ocds_process(procurement: Procurement, *, base_url: str = "") -> ocds.Process:
    def party(supplier):
        return ocds.Party(name=supplier.name, tax_id=supplier.published_tax_id)

    p = procurement
    budget = " / ".join(
        x
        for x in (
            p.budget_plan,
            p.budget_work,
            BUDGET_CATEGORY_THAI.get(p.budget_category, ""),
            p.expense_type,
            p.budget_line,
        )
        if x
    )
    return ocds.Process(
        local_id=str(p.pk),
        title=p.title,
        fiscal_year=p.fiscal_year,
        category=TYPE_OCDS.get(p.procurement_type, "goods"),
        method=METHOD_OCDS.get(p.method, "direct"),
        method_details=METHOD_THAI.get(p.method, ""),
        method_rationale=p.legal_ground,
        budget_amount=p.budget_amount,
        budget_description=budget,
        procured_on=p.procured_on,
        updated=p.updated_at,
        reference_price=p.reference_price,
        egp_project_number=p.egp_project_number,
        bids=[ocds.BidValue(party(b.supplier), b.price) for b in p.bids.all()],
        supplier=party(p.supplier) if p.supplier_id else None,
        agreed_price=p.agreed_price,
        selection_reason=p.selection_reason,
        contract_number=p.contract_number,
        contract_date=p.contract_date,
        contract_start=p.contract_start,
        contract_end=p.contract_end,
        cancelled=p.cancelled,
        documents=[
            ocds.DocumentRef(
                id=str(d.pk),
                title=d.title,
                url=base_url + d.href if d.file else d.url,
                published=d.published_on,
                document_type=DOCUMENT_OCDS.get(d.kind, ""),
            )
            for d in p.documents.all()
        ],
    )


def ocds_package(organization, fiscal_year: int, *, kind: str) -> dict:
    procurements = list(
        selectors.year_procurements(organization=organization, fiscal_year=fiscal_year)
    )
    if not procurements:
        raise ExportError("empty")
    publisher = ocds_publisher(organization)
    processes = [ocds_process(p, base_url=_base_url()) for p in procurements]
    fmt = "ocds-release" if kind == "release" else "ocds-record"
    uri = (
        _base_url()
        + reverse(
            "procurement-public:download", kwargs={"org": organization.slug, "fmt": fmt}
        )
        + f"?year={fiscal_year}"
    )
    published = max(p.updated_at for p in procurements)
    if kind == "release":
        return ocds.release_package(publisher, processes, uri=uri, published=published)
    return ocds.record_package(publisher, processes, uri=uri, published=published)
