"""Open Contracting Data Standard 1.1 packages from the register (pure).

The caller gives plain ``Process`` values; this module builds the releases of
each stage (planning, tender, award, contract), release packages and record
packages with a compiled release. The exact Thai method is kept in
``tender.procurementMethodDetails`` and the legal ground in
``procurementMethodRationale``; bidders' prices use the ``bids`` extension.
Natural persons' tax IDs are never published (``tax_id`` here must already be
the published form).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from . import identifiers

VERSION = "1.1"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
BIDS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_bids_extension/v1.1.5/extension.json"
)
BANGKOK = datetime.timezone(datetime.timedelta(hours=7))


@dataclass
class Party:
    name: str
    tax_id: str = ""  # already published form (masked for natural persons)


@dataclass
class BidValue:
    supplier: Party
    amount: Decimal


@dataclass
class DocumentRef:
    id: str
    title: str
    url: str
    published: datetime.date
    document_type: str = ""


@dataclass
class Process:
    local_id: str
    title: str
    fiscal_year: int
    category: str  # goods / works / services
    method: str  # OCDS code
    method_details: str  # Thai label
    method_rationale: str
    budget_amount: Decimal
    budget_description: str
    procured_on: datetime.date
    updated: datetime.datetime
    reference_price: Decimal | None = None
    egp_project_number: str = ""
    bids: list[BidValue] = field(default_factory=list)
    supplier: Party | None = None
    agreed_price: Decimal | None = None
    selection_reason: str = ""
    contract_number: str = ""
    contract_date: datetime.date | None = None
    contract_start: datetime.date | None = None
    contract_end: datetime.date | None = None
    cancelled: bool = False
    documents: list[DocumentRef] = field(default_factory=list)


@dataclass
class Publisher:
    name: str
    uid: str  # DLA code
    uri: str
    ocid_prefix: str


def _money(amount: Decimal | None) -> dict | None:
    if amount is None:
        return None
    return {"amount": float(amount), "currency": "THB"}


def _dt(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=BANGKOK)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=BANGKOK)
    return value.isoformat(timespec="seconds")


def _party_id(party: Party) -> str:
    if identifiers.is_juristic_id(party.tax_id) and not identifiers.is_masked_id(
        party.tax_id
    ):
        return "TH-TIN-" + party.tax_id
    return "TH-NAME-" + party.name


def ocid(publisher: Publisher, process: Process) -> str:
    return f"{publisher.ocid_prefix}-{publisher.uid}-{process.local_id}"


def _parties(publisher: Publisher, process: Process) -> list[dict]:
    buyer = {
        "id": "TH-DLA-" + publisher.uid,
        "name": publisher.name,
        "identifier": {"scheme": "TH-DLA", "id": publisher.uid},
        "roles": ["buyer", "procuringEntity"],
    }
    parties = {buyer["id"]: buyer}
    for bid in process.bids:
        party = _organization(bid.supplier, ["tenderer"])
        parties.setdefault(party["id"], party)
    if process.supplier is not None:
        party = _organization(process.supplier, ["supplier"])
        if party["id"] in parties:
            roles = parties[party["id"]]["roles"]
            if "supplier" not in roles:
                roles.append("supplier")
        else:
            parties[party["id"]] = party
    return list(parties.values())


def _organization(party: Party, roles: list[str]) -> dict:
    data = {"id": _party_id(party), "name": party.name, "roles": list(roles)}
    if party.tax_id and identifiers.is_juristic_id(party.tax_id):
        data["identifier"] = {
            "scheme": "TH-TIN",
            "id": party.tax_id,
            "legalName": party.name,
        }
    return data


def _ref(party: Party) -> dict:
    return {"id": _party_id(party), "name": party.name}


def _planning(publisher: Publisher, process: Process) -> dict:
    budget = {
        "id": f"{publisher.uid}-{process.fiscal_year}",
        "description": process.budget_description or None,
        "amount": _money(process.budget_amount),
    }
    if process.egp_project_number:
        budget["projectID"] = process.egp_project_number
    return {"budget": {k: v for k, v in budget.items() if v is not None}}


def _tender(process: Process, *, planned: bool) -> dict:
    status = "planned"
    if process.cancelled:
        status = "cancelled"
    elif not planned:
        status = "complete" if process.supplier is not None else "active"
    tender = {
        "id": process.egp_project_number or process.local_id,
        "title": process.title,
        "status": status,
        "mainProcurementCategory": process.category,
        "procurementMethod": process.method,
        "procurementMethodDetails": process.method_details,
        "value": _money(process.reference_price),
    }
    if process.method_rationale:
        tender["procurementMethodRationale"] = process.method_rationale
    if not planned and process.bids:
        tender["tenderers"] = [_ref(b.supplier) for b in process.bids]
        tender["numberOfTenderers"] = len(process.bids)
    documents = [_document(d) for d in process.documents if d.document_type]
    if documents:
        tender["documents"] = documents
    return {k: v for k, v in tender.items() if v is not None}


def _document(doc: DocumentRef) -> dict:
    return {
        "id": doc.id,
        "documentType": doc.document_type,
        "title": doc.title,
        "url": doc.url,
        "datePublished": _dt(doc.published),
        "language": "th",
    }


def _bids(process: Process) -> dict:
    return {
        "details": [
            {
                "id": str(index),
                "status": "valid",
                "tenderers": [_ref(bid.supplier)],
                "value": _money(bid.amount),
            }
            for index, bid in enumerate(process.bids, 1)
        ]
    }


def _award(process: Process) -> dict:
    award = {
        "id": f"{process.local_id}-award",
        "status": "cancelled" if process.cancelled else "active",
        "date": _dt(process.contract_date or process.procured_on),
        "value": _money(process.agreed_price),
        "suppliers": [_ref(process.supplier)] if process.supplier else [],
    }
    if process.selection_reason:
        award["description"] = process.selection_reason
    return {k: v for k, v in award.items() if v is not None}


def _contract(process: Process) -> dict:
    today = datetime.date.today()
    status = "active"
    if process.cancelled:
        status = "cancelled"
    elif process.contract_end and process.contract_end < today:
        status = "terminated"
    contract = {
        "id": process.contract_number or f"{process.local_id}-contract",
        "awardID": f"{process.local_id}-award",
        "title": process.title,
        "status": status,
        "value": _money(process.agreed_price),
        "dateSigned": _dt(process.contract_date),
    }
    if process.contract_start or process.contract_end:
        contract["period"] = {
            k: v
            for k, v in {
                "startDate": _dt(process.contract_start),
                "endDate": _dt(process.contract_end),
            }.items()
            if v
        }
    return {k: v for k, v in contract.items() if v is not None}


def stages(process: Process) -> list[str]:
    result = ["planning", "tender"]
    if process.supplier is not None:
        result.append("award")
    if process.contract_date is not None:
        result.append("contract")
    return result


def release(publisher: Publisher, process: Process, stage: str) -> dict:
    """The release of one stage: what was known at that stage."""
    the_ocid = ocid(publisher, process)
    dates = {
        "planning": process.procured_on,
        "tender": process.procured_on,
        "award": process.contract_date or process.procured_on,
        "contract": process.contract_date or process.procured_on,
    }
    data = {
        "ocid": the_ocid,
        "id": f"{the_ocid}-{stage}",
        "date": _dt(dates[stage]),
        "tag": [stage],
        "initiationType": "tender",
        "language": "th",
        "buyer": {"id": "TH-DLA-" + publisher.uid, "name": publisher.name},
        "parties": _parties(publisher, process),
        "planning": _planning(publisher, process),
    }
    if stage == "planning":
        data["tender"] = _tender(process, planned=True)
        return data
    data["tender"] = _tender(process, planned=False)
    if process.bids:
        data["bids"] = _bids(process)
    if stage in ("award", "contract") and process.supplier is not None:
        data["awards"] = [_award(process)]
    if stage == "contract":
        data["contracts"] = [_contract(process)]
    return data


def releases(publisher: Publisher, process: Process) -> list[dict]:
    return [release(publisher, process, stage) for stage in stages(process)]


def compiled_release(publisher: Publisher, process: Process) -> dict:
    """The current state: the last stage's release tagged ``compiled``."""
    last = release(publisher, process, stages(process)[-1])
    last["id"] = f"{last['ocid']}-compiled"
    last["tag"] = ["compiled"]
    last["date"] = _dt(process.updated)
    return last


def _package_meta(publisher: Publisher, uri: str, published: datetime.datetime):
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": _dt(published),
        "publisher": {
            "name": publisher.name,
            "scheme": "TH-DLA",
            "uid": publisher.uid,
            "uri": publisher.uri,
        },
        "license": LICENSE,
        "extensions": [BIDS_EXTENSION],
    }


def release_package(
    publisher: Publisher,
    processes: list[Process],
    *,
    uri: str,
    published: datetime.datetime,
) -> dict:
    package = _package_meta(publisher, uri, published)
    package["releases"] = [r for p in processes for r in releases(publisher, p)]
    return package


def record_package(
    publisher: Publisher,
    processes: list[Process],
    *,
    uri: str,
    published: datetime.datetime,
) -> dict:
    package = _package_meta(publisher, uri, published)
    package["records"] = [
        {
            "ocid": ocid(publisher, process),
            "releases": releases(publisher, process),
            "compiledRelease": compiled_release(publisher, process),
        }
        for process in processes
    ]
    return package
