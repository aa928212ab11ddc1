"""Media in S3-compatible object storage: settings, signed private downloads.

S3 is stubbed at the network edge by moto; django-storages and boto3 run for
real.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client, override_settings
from django.urls import reverse

from prongsai.core.object_storage import s3_storages, storage_origins
from prongsai.core.storage import PrivateStorage, private_file_response, private_storage

moto = pytest.importorskip("moto")

BUCKET = "prongsai-test"
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def s3(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with moto.mock_aws():
        import boto3

        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        config = s3_storages(bucket=BUCKET, signed_url_seconds=60)
        with override_settings(STORAGES={**_static(), **config}):
            yield storages


def _static():
    from django.conf import settings

    return {"staticfiles": settings.STORAGES["staticfiles"]}


def test_private_and_public_media_get_their_own_prefix_and_signing():
    config = s3_storages(
        bucket="media",
        private_bucket="private",
        endpoint_url="http://minio:9000",
        signed_url_seconds=30,
    )
    public, private = config["default"]["OPTIONS"], config["private"]["OPTIONS"]
    assert public["bucket_name"] == "media" and public["location"] == "media"
    assert public["querystring_auth"] is False
    assert private["bucket_name"] == "private" and private["location"] == "private"
    assert private["querystring_auth"] is True
    assert private["querystring_expire"] == 30
    assert private["endpoint_url"] == "http://minio:9000"
    assert private["addressing_style"] == "path"
    assert "access_key" not in private and "secret_key" not in private


def test_the_private_bucket_defaults_to_the_public_one():
    config = s3_storages(bucket="one")
    assert config["private"]["OPTIONS"]["bucket_name"] == "one"
    assert config["private"]["OPTIONS"]["endpoint_url"] is None


def test_media_origins_follow_the_endpoint_and_the_custom_domain():
    assert storage_origins(endpoint_url="https://s3.example.go.th:9000/x") == [
        "https://s3.example.go.th:9000"
    ]
    assert storage_origins(custom_domain="media.example.go.th") == [
        "https://media.example.go.th",
        "https://*.amazonaws.com",
    ]


def test_without_object_storage_private_files_stay_on_the_local_disk():
    assert isinstance(private_storage(), PrivateStorage)


def test_private_storage_is_the_bucket_prefix_when_configured(s3):
    storage = private_storage()
    name = storage.save("complaints/photo.jpg", ContentFile(b"\xff\xd8photo"))
    assert name.startswith("complaints/")
    assert storage.exists(name)
    assert not s3["default"].exists(name)


def test_a_private_file_is_a_short_lived_signed_redirect(s3):
    storage = private_storage()
    name = storage.save("eservices/ids.pdf", ContentFile(b"%PDF-1.7"))
    field_file = storage.open(name)
    field_file.storage = storage
    response = private_file_response(
        field_file, filename="บัตร ประชาชน.pdf", content_type="application/pdf"
    )
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert url.path == f"/{BUCKET}/private/{name}" or url.path.endswith(
        f"/private/{name}"
    )
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query
    assert query["response-content-disposition"][0].startswith("attachment;")
    assert query["response-content-type"] == ["application/pdf"]


def test_public_media_addresses_are_not_signed(s3):
    name = s3["default"].save("organizations/logos/logo.png", ContentFile(b"png"))
    url = urlsplit(s3["default"].url(name))
    assert "X-Amz-Signature" not in url.query
    assert url.path.endswith(f"/media/{name}")


@pytest.mark.django_db
def test_a_citizen_download_view_answers_with_the_signed_address(s3, monkeypatch):
    """The permission-checked E-Service view hands out the signed address."""
    from prongsai.eservices.models import Attachment
    from prongsai.eservices.tests.factories import ServiceFactory, file_request
    from prongsai.eservices.tests.test_private_files import _photo

    field = Attachment._meta.get_field("file")
    monkeypatch.setattr(field, "storage", private_storage())
    service = ServiceFactory()
    filed = file_request(service, files=[("photo", _photo())])
    attachment = filed.attachments.get()
    assert private_storage().exists(attachment.file.name)
    url = reverse(
        "eservices-public:track-attachment",
        kwargs={
            "org": filed.organization.slug,
            "code": filed.tracking_code,
            "attachment_pk": attachment.pk,
        },
    )
    anonymous = Client().get(url)
    assert anonymous.status_code == 404
    staff = _service_staff_client(filed.organization)
    staff_url = reverse(
        "eservices-staff:attachment",
        kwargs={
            "org": filed.organization.slug,
            "pk": filed.pk,
            "attachment_pk": attachment.pk,
        },
    )
    response = staff.get(staff_url)
    assert response.status_code == 302
    assert "X-Amz-Signature" in response["Location"]


def _service_staff_client(organization):
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import MembershipFactory

    member = MembershipFactory(organization=organization, roles=[Role.SERVICE_OFFICER])
    client = Client()
    client.force_login(member.user)
    return client


def test_settings_put_media_in_the_bucket_and_allow_its_images():
    """The real settings module, given the environment an operator sets."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DJANGO_SECRET_KEY": "x" * 50,
        "AWS_STORAGE_BUCKET_NAME": "prongsai-media",
        "PRONGSAI_PRIVATE_BUCKET_NAME": "prongsai-private",
        "AWS_S3_ENDPOINT_URL": "https://minio.example.go.th",
        "PRONGSAI_SIGNED_URL_SECONDS": "45",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'storages': settings.STORAGES, "
        "'img': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    private = data["storages"]["private"]["OPTIONS"]
    assert data["storages"]["default"]["OPTIONS"]["bucket_name"] == "prongsai-media"
    assert private["bucket_name"] == "prongsai-private"
    assert private["querystring_expire"] == 45
    assert "https://minio.example.go.th" in data["img"]
