"""A decompression-bomb attachment is a form error on the E-Service form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core.tests.fuzz import fuzz_client, png_bomb
from prongsai.eservices.models import ServiceRequest

from .factories import apply_form_data
from .test_views import _apply_url, service  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [(30_000, 30_000), (7_000, 7_000)])
def test_attachment_claiming_huge_dimensions_is_a_form_error(service, size):  # noqa: F811
    client = fuzz_client()
    bomb = SimpleUploadedFile("lamp.png", png_bomb(*size), "image/png")
    response = client.post(_apply_url(service), apply_form_data(f_photo=bomb))
    assert response.status_code == 200
    html = response.content.decode()
    assert "lamp.png" in html and "พิกเซล" in html
    assert not ServiceRequest.objects.exists()
