"""How to build an object of a given organisation for each API route."""

import datetime
from decimal import Decimal

from prongsai.api.models import Scope
from prongsai.api.services import api_token_create
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.procurement.models import Procurement


def _token(organization):
    token, _raw = api_token_create(
        actor=None, organization=organization, name="ระบบ", scopes=Scope.values
    )
    return {"pk": token.pk}


def _procurement(organization):
    record = Procurement.objects.create(
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2024, 11, 15),
        title="จัดซื้อวัสดุ",
        procurement_type="purchase",
        method="specific",
        budget_category="operating",
        budget_amount=Decimal("1000.00"),
    )
    return {"procurement_id": record.pk}


def _service_request(organization):
    request = file_request(ServiceFactory(organization=organization))
    return {"tracking_code": request.tracking_code}


ROUTE_OBJECTS = {
    "api-staff:token-revoke": _token,
    "api-v1:procurement_detail": _procurement,
    "api-v1:procurement_update": _procurement,
    "api-v1:request_status": _service_request,
}
