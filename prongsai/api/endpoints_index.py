"""``GET /api/v1/``: the index of the API's endpoints, described in Thai.

Built from the API's own routes, so it cannot list an endpoint that is not
there; each route's description is in :data:`DESCRIPTIONS` (a test checks
that every route has one).
"""

from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import schemas
from .limits import limit_reads
from .routing import router

#: What each (method, path) of the API does, for people reading the index.
DESCRIPTIONS = {
    ("GET", "/api/v1/"): gettext_lazy("This index of the API's addresses."),
    ("GET", "/api/v1/organizations"): gettext_lazy(
        "The organisations on this install (paginated)."
    ),
    ("GET", "/api/v1/organizations/{slug}"): gettext_lazy("One organisation."),
    ("GET", "/api/v1/{org}/procurements"): gettext_lazy(
        "The procurement register as published (paginated; filters fiscal_year, "
        "method, q)."
    ),
    ("POST", "/api/v1/{org}/procurements"): gettext_lazy(
        "Add a procurement record (token with procurement:write)."
    ),
    ("GET", "/api/v1/{org}/procurements/{procurement_id}"): gettext_lazy(
        "One procurement record as published."
    ),
    ("PATCH", "/api/v1/{org}/procurements/{procurement_id}"): gettext_lazy(
        "Change a procurement record (token with procurement:write)."
    ),
    ("GET", "/api/v1/{org}/datasets"): gettext_lazy(
        "The open-data catalogue with links to CSV and JSON."
    ),
    ("GET", "/api/v1/{org}/services"): gettext_lazy("The E-Service catalogue."),
    ("GET", "/api/v1/{org}/complaints/statistics"): gettext_lazy(
        "The public complaint statistics of a fiscal year."
    ),
    ("GET", "/api/v1/{org}/ita/results"): gettext_lazy(
        "ITA results of the published analysis reports."
    ),
    ("POST", "/api/v1/{org}/eservices/requests/{tracking_code}/status"): gettext_lazy(
        "Move an E-Service request in its workflow (token with eservices:write)."
    ),
}


@cache
def api_routes() -> list[tuple[str, str]]:
    """Every (method, path) the API serves, in the order of its schema."""
    from .main import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [
        (method.upper(), "/" + path.lstrip("/"))
        for path, operations in schema["paths"].items()
        for method in operations
    ]


@router.get(
    "/",
    response={200: schemas.IndexOut, 429: schemas.Error},
    tags=["ดัชนี (index)"],
    summary="Index of the API",
)
def api_index(request):
    limit_reads(request)
    return {
        "name": "Prongsai API",
        "version": "1",
        "detail": _(
            "The JSON API of the public data of the organisations on this "
            "install. Errors are JSON with a Thai detail and a code."
        ),
        "documentation": "/api/docs",
        "openapi": "/api/v1/openapi.json",
        "endpoints": [
            {
                "method": method,
                "path": path,
                "description": str(DESCRIPTIONS.get((method, path), "")),
            }
            for method, path in api_routes()
        ],
    }
