"""Nothing attached is lost on a validation error (issue #17): photos kept for
the next try, several photos, and the place or the location pin."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from prongsai.complaints import services_uploads
from prongsai.complaints.models import Case, KeptUpload
from prongsai.complaints.tasks import kept_uploads_clean
from prongsai.complaints.tests.test_services import jpeg_with_gps

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="kept_photo" value="([^"]+)"')


def jpeg(size=(60, 40), name="photo.jpg"):
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def form_url(organization, kind="complaint"):
    return f"/{organization.slug}/complaints/new/{kind}/"


def browser(organization, path):
    """A visitor who opened the form (and so has the CSRF cookie)."""
    client = Client()
    assert client.get(path).status_code == 200
    return client


COMPLETE = {
    "subject": "ถนนพัง",
    "description": "ถนนหน้าบ้านเป็นหลุมลึก",
    "privacy_ack": "on",
}


class TestComplaintForm:
    def test_photo_survives_a_missing_subject(
        self, organization, django_capture_on_commit_callbacks
    ):
        url = form_url(organization)
        client = browser(organization, url)
        first = client.post(
            url,
            {**COMPLETE, "subject": "", "photos": jpeg(name="หลุม.jpg")},
        )
        assert first.status_code == 200
        html = first.content.decode()
        assert "หลุม.jpg" in html
        tokens = TOKEN.findall(html)
        assert len(tokens) == 1
        assert not Case.objects.exists()
        assert KeptUpload.objects.for_organization(organization).count() == 1

        with django_capture_on_commit_callbacks(execute=True):
            second = client.post(url, {**COMPLETE, "kept_photo": tokens})
        assert second.status_code == 302
        case = Case.objects.get()
        assert case.attachments.count() == 1
        # Used once, then gone.
        assert not KeptUpload.objects.for_organization(organization).exists()

    def test_kept_and_new_photos_together_up_to_three(self, organization):
        url = form_url(organization)
        client = browser(organization, url)
        first = client.post(
            url, {**COMPLETE, "subject": "", "photos": [jpeg(), jpeg(name="b.jpg")]}
        )
        tokens = TOKEN.findall(first.content.decode())
        assert len(tokens) == 2
        too_many = client.post(
            url,
            {**COMPLETE, "kept_photo": tokens, "photos": [jpeg(), jpeg()]},
        )
        assert too_many.status_code == 200
        assert not Case.objects.exists()
        # Still no more than three kept.
        tokens = TOKEN.findall(too_many.content.decode())
        assert len(tokens) == 3
        done = client.post(url, {**COMPLETE, "kept_photo": tokens})
        assert done.status_code == 302
        assert Case.objects.get().attachments.count() == 3

    def test_unticked_photo_is_not_sent(self, organization):
        url = form_url(organization)
        client = browser(organization, url)
        client.post(url, {**COMPLETE, "subject": "", "photos": jpeg()})
        assert client.post(url, COMPLETE).status_code == 302
        assert Case.objects.get().attachments.count() == 0

    def test_another_browser_cannot_use_the_token(self, organization):
        url = form_url(organization)
        client = browser(organization, url)
        first = client.post(url, {**COMPLETE, "subject": "", "photos": jpeg()})
        tokens = TOKEN.findall(first.content.decode())
        stranger = browser(organization, url)
        assert stranger.post(url, {**COMPLETE, "kept_photo": tokens}).status_code == 302
        assert Case.objects.get().attachments.count() == 0

    def test_unreadable_photo_is_not_kept(self, organization):
        url = form_url(organization)
        client = browser(organization, url)
        bad = SimpleUploadedFile("x.jpg", b"nope", content_type="image/jpeg")
        response = client.post(url, {**COMPLETE, "subject": "", "photos": bad})
        assert TOKEN.findall(response.content.decode()) == []

    def test_expired_photos_are_cleaned_and_refused(self, organization):
        url = form_url(organization)
        client = browser(organization, url)
        first = client.post(url, {**COMPLETE, "subject": "", "photos": jpeg()})
        tokens = TOKEN.findall(first.content.decode())
        row = KeptUpload.objects.for_organization(organization).get()
        name = row.file.name
        storage = row.file.storage
        KeptUpload.objects.for_organization(organization).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        assert client.post(url, {**COMPLETE, "kept_photo": tokens}).status_code == 302
        assert Case.objects.get().attachments.count() == 0
        assert kept_uploads_clean() == 1
        assert not storage.exists(name)

    def test_kept_photo_has_no_metadata(self, organization):
        url = form_url(organization)
        client = browser(organization, url)
        photo = SimpleUploadedFile("gps.jpg", jpeg_with_gps(), "image/jpeg")
        client.post(url, {**COMPLETE, "subject": "", "photos": photo})
        row = KeptUpload.objects.for_organization(organization).get()
        data = row.file.read()
        assert b"SecretPhoneMaker" not in data
        assert row.owner_hash and len(row.token_hash) == 64

    def test_store_without_owner_keeps_nothing(self, organization):
        assert (
            services_uploads.kept_upload_store(
                organization=organization, owner="", files=[jpeg()], limit=3
            )
            == []
        )


class TestPlaceOrLocation:
    def test_the_label_says_or(self, client, organization):
        html = client.get(form_url(organization)).content.decode()
        assert "Place or location (optional)" in html or "สถานที่หรือตำแหน่ง" in html
        assert 'data-geo="lat"' in html
        assert "js/geolocation.js" in html and "js/photo-resize.js" in html

    def test_a_pin_without_a_place(self, client, organization):
        response = client.post(
            form_url(organization),
            {**COMPLETE, "latitude": "16.400123", "longitude": "102.800456"},
        )
        assert response.status_code == 302
        case = Case.objects.get()
        assert case.location_text == ""
        assert str(case.latitude) == "16.400123"

    def test_a_place_without_a_pin(self, client, organization):
        response = client.post(
            form_url(organization), {**COMPLETE, "location_text": "หมู่ 5 หน้าวัด"}
        )
        assert response.status_code == 302
        case = Case.objects.get()
        assert case.location_text == "หมู่ 5 หน้าวัด"
        assert case.latitude is None

    def test_a_pin_is_kept_on_an_error(self, client, organization):
        response = client.post(
            form_url(organization),
            {**COMPLETE, "subject": "", "latitude": "16.4", "longitude": "102.8"},
        )
        assert 'value="16.4"' in response.content.decode()


class TestConfidentialForm:
    def test_photo_survives_a_missing_description_unnamed(
        self, organization, django_capture_on_commit_callbacks
    ):
        url = f"/{organization.slug}/complaints/report/"
        client = browser(organization, url)
        first = client.post(
            url,
            {"mode": "anonymous", "description": "", "photos": jpeg(name="ชื่อฉัน.jpg")},
        )
        assert first.status_code == 200
        html = first.content.decode()
        assert "ชื่อฉัน" not in html
        tokens = TOKEN.findall(html)
        assert len(tokens) == 1
        with django_capture_on_commit_callbacks(execute=True):
            second = client.post(
                url,
                {"mode": "anonymous", "description": "รับเงิน", "kept_photo": tokens},
            )
        assert second.status_code == 200
        assert "receipt-code" in second.content.decode()
        case = Case.objects.get()
        assert case.attachments.count() == 1
        assert not KeptUpload.objects.for_organization(organization).exists()
