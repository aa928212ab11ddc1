"""E-Service attachments: private storage, who may download, the move migration."""

import importlib
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from prongsai.eservices.models import Attachment
from prongsai.eservices.tests.factories import (
    ServiceFactory,
    apply_form_data,
    file_request,
)
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (12, 12), "blue").save(buffer, "PNG")
    return SimpleUploadedFile("ids.png", buffer.getvalue(), "image/png")


@pytest.fixture
def service(organization):
    return ServiceFactory(organization=organization)


@pytest.fixture
def filed(service):
    return file_request(service, files=[("photo", _photo())])


def _citizen_url(service_request, attachment):
    return reverse(
        "eservices-public:track-attachment",
        kwargs={
            "org": service_request.organization.slug,
            "code": service_request.tracking_code,
            "attachment_pk": attachment.pk,
        },
    )


def _staff_url(service_request, attachment, slug=None):
    return reverse(
        "eservices-staff:attachment",
        kwargs={
            "org": slug or service_request.organization.slug,
            "pk": service_request.pk,
            "attachment_pk": attachment.pk,
        },
    )


def test_attachment_is_stored_outside_the_public_media_root(filed):
    attachment = filed.attachments.get()
    path = attachment.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert attachment.file.storage.exists(attachment.file.name)
    assert not storages["default"].exists(attachment.file.name)
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018


def test_citizen_who_filed_downloads_the_file_and_sees_it_listed(service):
    client = Client()
    response = client.post(
        reverse(
            "eservices-public:service-apply",
            kwargs={"org": service.organization.slug, "code": service.code},
        ),
        {**apply_form_data(), "f_photo": _photo()},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    service_request = attachment.request
    page = client.get(service_request.get_tracking_url())
    assert _citizen_url(service_request, attachment) in page.content.decode()
    response = client.get(_citizen_url(service_request, attachment))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_filing_without_files_starts_no_session(service):
    """Nothing to download later, so nothing to remember: no session row, no
    second write (issue #21: filing under a crowd)."""
    from django.contrib.sessions.models import Session

    client = Client()
    response = client.post(
        reverse(
            "eservices-public:service-apply",
            kwargs={"org": service.organization.slug, "code": service.code},
        ),
        apply_form_data(),
    )
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_anyone_with_only_the_tracking_code_gets_404(filed):
    attachment = filed.attachments.get()
    client = Client()
    page = client.get(filed.get_tracking_url())
    assert page.status_code == 200
    assert _citizen_url(filed, attachment) not in page.content.decode()
    assert client.get(_citizen_url(filed, attachment)).status_code == 404


def test_other_citizen_signed_in_with_line_gets_404(filed):
    filed.line_user_id = "U" + "1" * 32
    filed.save(update_fields=["line_user_id"])
    attachment = filed.attachments.get()
    other, owner = Client(), Client()
    for client, line_user in ((other, "U" + "2" * 32), (owner, filed.line_user_id)):
        session = client.session
        session["eservices_line_users"] = {str(filed.organization_id): line_user}
        session.save()
    assert other.get(_citizen_url(filed, attachment)).status_code == 404
    assert owner.get(_citizen_url(filed, attachment)).status_code == 200


def test_staff_with_a_service_role_get_the_file(filed):
    officer = MembershipFactory(
        organization=filed.organization, roles=[Role.SERVICE_OFFICER.value]
    ).user
    client = Client()
    client.force_login(officer)
    response = client.get(_staff_url(filed, filed.attachments.get()))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_of_another_organisation_get_404(filed):
    other = OrganizationFactory()
    officer = MembershipFactory(
        organization=other, roles=[Role.SERVICE_OFFICER.value]
    ).user
    client = Client()
    client.force_login(officer)
    attachment = filed.attachments.get()
    assert client.get(_staff_url(filed, attachment, slug=other.slug)).status_code == 404
    assert client.get(_staff_url(filed, attachment)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_for_the_staff_file(filed):
    response = Client().get(_staff_url(filed, filed.attachments.get()))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_migration_moves_public_files_to_private_storage(filed):
    migration = importlib.import_module(
        "prongsai.eservices.migrations.0007_move_attachments_to_private_storage"
    )
    public = storages["default"]
    attachment = filed.attachments.get()
    private = attachment.file.storage
    # An attachment as it was stored before: under the public media root.
    name = f"eservices/{filed.organization_id}/{filed.pk}/old.jpg"
    public.save(name, ContentFile(b"\xff\xd8\xffold"))
    orphan = public.save("eservices/9/9/orphan.pdf", ContentFile(b"%PDF-1"))
    Attachment.objects.filter(pk=attachment.pk).update(file=name)

    moved = migration.attachments_to_private(apps, None)

    assert moved == 2
    assert private.open(name).read() == b"\xff\xd8\xffold"
    assert private.exists(orphan)
    assert not public.exists(name)
    assert not public.exists(orphan)
    assert not (settings.MEDIA_ROOT / "eservices").exists()
    attachment.refresh_from_db()
    assert attachment.file.name == name


def test_migration_renames_on_a_clash_and_the_row_follows(filed):
    migration = importlib.import_module(
        "prongsai.eservices.migrations.0007_move_attachments_to_private_storage"
    )
    attachment = filed.attachments.get()
    name = attachment.file.name
    storages["default"].save(name, ContentFile(b"\xff\xd8\xffpublic copy"))

    assert migration.attachments_to_private(apps, None) == 1

    attachment.refresh_from_db()
    assert attachment.file.name != name
    assert attachment.file.read() == b"\xff\xd8\xffpublic copy"


@pytest.mark.parametrize(
    ("roles", "status"),
    [([Role.SERVICE_OFFICER.value], 200), ([Role.PROCUREMENT_OFFICER.value], 404)],
)
def test_tracking_file_link_serves_service_staff_only(filed, roles, status):
    officer = MembershipFactory(organization=filed.organization, roles=roles).user
    client = Client()
    client.force_login(officer)
    assert client.get(_citizen_url(filed, filed.attachments.get())).status_code == (
        status
    )


def test_service_staff_of_another_organisation_get_404_on_the_tracking_link(filed):
    officer = MembershipFactory(
        organization=OrganizationFactory(), roles=[Role.SERVICE_OFFICER.value]
    ).user
    client = Client()
    client.force_login(officer)
    assert client.get(_citizen_url(filed, filed.attachments.get())).status_code == 404
