"""A service requested on its own page (``Service.apply_path``): the general
request form sends citizens there and never files it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.core.errors import DomainError
from prongsai.eservices.models import ServiceRequest
from prongsai.eservices.tests.factories import (
    ServiceFactory,
    apply_form_data,
    file_request,
)

pytestmark = pytest.mark.django_db

OWN_PAGE = "/bandong/integrity/assets/"


@pytest.fixture
def service(organization):
    return ServiceFactory(organization=organization, apply_path=OWN_PAGE)


def _apply_url(service):
    return reverse(
        "eservices-public:service-apply",
        kwargs={"org": service.organization.slug, "code": service.code},
    )


def test_the_catalogue_and_the_form_send_citizens_to_the_own_page(client, service):
    assert service.apply_url == OWN_PAGE
    catalogue = client.get(
        reverse("eservices-public:catalogue", kwargs={"org": service.organization.slug})
    ).content.decode()
    assert f'href="{OWN_PAGE}"' in catalogue
    assert _apply_url(service) not in catalogue
    response = client.get(_apply_url(service))
    assert (response.status_code, response["Location"]) == (302, OWN_PAGE)
    response = client.post(_apply_url(service), apply_form_data())
    assert (response.status_code, response["Location"]) == (302, OWN_PAGE)
    assert not ServiceRequest.objects.filter(service=service).exists()


def test_filing_is_left_to_the_own_page(service):
    with pytest.raises(DomainError) as refused:
        file_request(service)
    assert OWN_PAGE in str(refused.value)
    filed = file_request(service, on_own_page=True)
    assert filed.service == service and filed.tracking_code


def test_an_ordinary_service_keeps_the_request_form(organization):
    service = ServiceFactory(organization=organization)
    assert service.apply_url == _apply_url(service)


@pytest.mark.parametrize("path", ["https://example.org/x", "//evil.example/", "x/"])
def test_only_a_path_on_this_site(organization, path):
    service = ServiceFactory(organization=organization, apply_path=path)
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "apply_path" in error.value.message_dict
