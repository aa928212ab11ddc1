"""Token-authenticated writes for an organisation's other systems.

Each endpoint calls the app's own service (the one home of the write): the
procurement register's ``procurement_create`` / ``procurement_update`` with
the token as the source of the values, and the E-Service workflow's
``request_transition``. The audit rows name the member who made the token.
"""

from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Status

from prongsai.eservices import selectors as eservice_selectors
from prongsai.eservices.services_workflow import request_transition
from prongsai.organizations.selectors import access_organization
from prongsai.procurement import selectors as procurement_selectors
from prongsai.procurement import services as procurement_services
from prongsai.procurement.provenance import FEED, Source

from . import schemas
from .auth import TokenAuth, token_for
from .models import Scope
from .routing import WRITE_TAGS, router

ERRORS = {
    400: schemas.Error,
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    422: schemas.Error,
    429: schemas.Error,
}

# Fields a PATCH may empty with null; null elsewhere leaves the field as it is.
CLEARABLE = frozenset(
    {
        "reference_price",
        "agreed_price",
        "contract_date",
        "contract_start",
        "contract_end",
        "inspection_date",
        "payment_date",
    }
)


def _source(token) -> Source:
    """Where the values came from, as the register's provenance shows it."""
    return Source(FEED, _("API token “%(name)s”") % {"name": token.name})


def _procurement_out(organization, pk: int) -> dict:
    record = (
        procurement_selectors.procurement_list(organization=organization)
        .annotate(bid_count=Count("bids"))
        .get(pk=pk)
    )
    return procurement_selectors.procurement_public_row(record)


def _bids(bids) -> list[dict]:
    return [
        {"name": bid.name, "tax_id": bid.tax_id, "price": bid.price} for bid in bids
    ]


@router.post(
    "/{org}/procurements",
    response={201: schemas.ProcurementOut, **ERRORS},
    auth=TokenAuth(),
    tags=WRITE_TAGS,
    summary="Add a procurement record",
)
def procurement_create(request, org: str, payload: schemas.ProcurementIn):
    """เพิ่มรายการจัดซื้อจัดจ้าง (สิทธิ์ `procurement:write`)"""
    organization = access_organization(slug=org)
    token = token_for(request, organization, Scope.PROCUREMENT_WRITE)
    data = payload.dict()
    data["bids"] = _bids(payload.bids)
    record = procurement_services.procurement_create(
        actor=token.created_by,
        organization=organization,
        source=_source(token),
        **data,
    )
    return Status(201, _procurement_out(organization, record.pk))


@router.patch(
    "/{org}/procurements/{procurement_id}",
    response={200: schemas.ProcurementOut, **ERRORS},
    auth=TokenAuth(),
    tags=WRITE_TAGS,
    summary="Change a procurement record",
)
def procurement_update(
    request, org: str, procurement_id: int, payload: schemas.ProcurementPatch
):
    """แก้ไขเฉพาะช่องที่ส่งมา (สิทธิ์ `procurement:write`)"""
    organization = access_organization(slug=org)
    token = token_for(request, organization, Scope.PROCUREMENT_WRITE)
    record = procurement_selectors.access_procurement(
        organization=organization, pk=procurement_id
    )
    data = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name in CLEARABLE
    }
    if payload.bids is not None:
        data["bids"] = _bids(payload.bids)
    procurement_services.procurement_update(
        actor=token.created_by, procurement=record, source=_source(token), **data
    )
    return _procurement_out(organization, record.pk)


@router.post(
    "/{org}/eservices/requests/{tracking_code}/status",
    response={200: schemas.RequestStatusOut, **ERRORS},
    auth=TokenAuth(),
    tags=WRITE_TAGS,
    summary="Move an E-Service request in its workflow",
)
def request_status(
    request, org: str, tracking_code: str, payload: schemas.RequestStatusIn
):
    """เปลี่ยนสถานะคำขอ E-Service ตามขั้นตอนงาน (สิทธิ์ `eservices:write`);
    การปฏิเสธและการรอผู้ยื่นต้องมีเหตุผล"""
    organization = access_organization(slug=org)
    token = token_for(request, organization, Scope.ESERVICES_WRITE)
    service_request = eservice_selectors.access_request_by_code(
        organization=organization, code=tracking_code
    )
    moved = request_transition(
        actor=token.created_by,
        request=service_request,
        to_status=payload.to_status,
        reason=payload.reason,
        public_note=payload.public_note,
        jump_reason=payload.jump_reason,
    )
    return {
        "tracking_code": moved.tracking_code,
        "status": moved.status,
        "status_label": str(moved.get_status_display()),
    }
