"""Open311 GeoReport v2, mounted at ``/api/open311/v2/``."""

from django.urls import re_path

from . import open311

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^services" + FMT, open311.service_list, name="services"),
    re_path(
        r"^services/(?P<code>[a-z0-9-]+)" + FMT,
        open311.service_definition,
        name="service",
    ),
    re_path(r"^requests" + FMT, open311.request_list, name="requests"),
    re_path(
        r"^requests/(?P<pk>[0-9A-Za-z-]+)" + FMT, open311.request_get, name="request"
    ),
]
