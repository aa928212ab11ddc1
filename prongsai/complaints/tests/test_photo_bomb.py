"""A decompression-bomb photo is a form error on the complaint form, not a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.complaints.models import Case
from prongsai.core.tests.fuzz import fuzz_client, png_bomb

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [(30_000, 30_000), (7_000, 7_000)])
def test_photo_claiming_huge_dimensions_is_a_form_error(organization, size):
    client = fuzz_client()
    response = client.post(
        f"/{organization.slug}/complaints/new/suggestion/",
        {
            "subject": "เสนอ",
            "description": "ขอให้ทำทางเท้า",
            "privacy_ack": "on",
            "photos": SimpleUploadedFile("x.png", png_bomb(*size), "image/png"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "จำนวนพิกเซลมากเกินไป" in html
    assert "ขอให้ทำทางเท้า" in html
    assert not Case.objects.exists()
