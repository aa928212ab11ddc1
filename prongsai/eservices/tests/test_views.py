"""Public pages and back-office views of the E-Service over HTTP."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from prongsai.conftest import via_proxy
from prongsai.core import codes
from prongsai.eservices import services_workflow
from prongsai.eservices.models import ServiceRequest, Status
from prongsai.eservices.tests.factories import (
    ServiceFactory,
    apply_form_data,
    file_request,
)
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(organization):
    return ServiceFactory(organization=organization, name="แจ้งซ่อมไฟฟ้าสาธารณะ")


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    ).user


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(buffer, "PNG")
    return SimpleUploadedFile("lamp.png", buffer.getvalue(), "image/png")


def _apply_url(service):
    return reverse(
        "eservices-public:service-apply",
        kwargs={"org": service.organization.slug, "code": service.code},
    )


def test_catalogue_and_manual_are_public(client, service):
    response = client.get(
        reverse("eservices-public:catalogue", kwargs={"org": service.organization.slug})
    )
    assert response.status_code == 200
    assert service.name in response.content.decode()
    response = client.get(service.get_absolute_url())
    assert response.status_code == 200
    assert "กองช่าง" in response.content.decode()


def test_unpublished_services_are_not_public(client, service):
    service.is_published = False
    service.save()
    assert client.get(service.get_absolute_url()).status_code == 404
    assert client.get(_apply_url(service)).status_code == 404


def test_citizen_files_with_a_photo_and_gets_a_tracking_code(client, service):
    data = apply_form_data()
    data["f_photo"] = _photo()
    response = client.post(_apply_url(service), data)
    assert response.status_code == 302
    filed = ServiceRequest.objects.get()
    assert filed.tracking_code in response["Location"]
    assert filed.answers["location"]["subdistrict"] == "บ้านดง"
    assert filed.attachments.count() == 1
    page = client.get(response["Location"])
    assert filed.tracking_code in page.content.decode()
    assert page.context["position"] == 1


def test_a_form_with_errors_keeps_what_was_typed(client, service):
    response = client.post(
        _apply_url(service), apply_form_data(privacy_accepted="", f_detail="ข้อความที่พิมพ์")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "ข้อความที่พิมพ์" in content
    assert ServiceRequest.objects.count() == 0


NO_ADDRESS = {
    "f_location__subdistrict": "",
    "f_location__district": "",
    "f_location__province": "",
    "f_location__moo": "",
}


def test_location_needs_a_point_or_a_full_address(client, service):
    response = client.post(_apply_url(service), apply_form_data(**NO_ADDRESS))
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(
        _apply_url(service),
        apply_form_data(
            **NO_ADDRESS, f_location__lat="16.43", f_location__lng="102.81"
        ),
    )
    assert response.status_code == 302


def test_tracking_by_code_is_forgiving_about_typing(client, service):
    filed = file_request(service)
    lookup = reverse(
        "eservices-public:track", kwargs={"org": service.organization.slug}
    )
    typed = filed.tracking_code.replace("-", " ").lower()
    response = client.get(lookup, {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == filed.get_tracking_url()
    response = client.get(lookup, {"code": "AAAAA-AAAAA"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_guessing_tracking_codes_is_stopped_per_connection(client, service):
    from prongsai.eservices.views_public import TRACKING_LOOKUPS

    filed = file_request(service)
    slug = service.organization.slug
    lookup = reverse("eservices-public:track", kwargs={"org": slug})
    for _n in range(TRACKING_LOOKUPS.limit // 2):
        code = codes.new_tracking_code()
        assert client.get(lookup, {"code": code}).status_code == 200
    for _n in range(TRACKING_LOOKUPS.limit - TRACKING_LOOKUPS.limit // 2):
        url = f"/{slug}/eservices/track/{codes.new_tracking_code()}/"
        assert client.get(url).status_code == 404
    # Now even the right code waits, on every tracking page ...
    response = client.get(lookup, {"code": filed.tracking_code})
    assert response.status_code == 200
    assert "รอ" in str(response.context["form"].errors["code"])
    blocked = client.get(filed.get_tracking_url())
    assert blocked.status_code == 429
    assert "กรุณารอ 10 นาที" in blocked.content.decode()
    assert "service_request" not in blocked.context
    # ... while another connection is not affected.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.get(filed.get_tracking_url()).status_code == 200


def test_behind_the_proxy_one_visitors_wrong_codes_leave_others_looking_up(
    behind_proxy, service, other_organization
):
    """Counted per real address and across organisations (docs/deploy.md §6)."""
    from prongsai.eservices.views_public import TRACKING_LOOKUPS

    filed = file_request(service)
    elsewhere = ServiceFactory(organization=other_organization)
    slugs = [service.organization.slug, elsewhere.organization.slug]
    attacker = Client(**via_proxy("203.0.113.10"))
    # Spread over two organisations and behind changing spoofed entries,
    # the wrong codes still add up for the one visitor ...
    for n in range(TRACKING_LOOKUPS.limit + 1):
        attacker.defaults["HTTP_X_FORWARDED_FOR"] = f"10.0.0.{n}, 203.0.113.10"
        url = f"/{slugs[n % 2]}/eservices/track/{codes.new_tracking_code()}/"
        assert attacker.get(url).status_code in (404, 429)
    assert attacker.get(filed.get_tracking_url()).status_code == 429
    # ... while another citizen behind the same proxy looks up as usual.
    citizen = Client(**via_proxy("198.51.100.20"))
    response = citizen.get(filed.get_tracking_url())
    assert response.status_code == 200
    assert response.context["service_request"] == filed


def test_tracking_page_hides_personal_data_and_internal_notes(client, service, officer):
    filed = file_request(service)
    services_workflow.request_add_note(actor=officer, request=filed, text="บันทึกภายใน")
    content = client.get(filed.get_tracking_url()).content.decode()
    assert "บันทึกภายใน" not in content
    assert filed.citizen_phone not in content
    assert filed.citizen_name not in content


def test_citizen_rates_a_completed_request_once(client, service, officer):
    filed = file_request(service)
    services_workflow.request_transition(
        actor=officer, request=filed, to_status=Status.IN_PROGRESS
    )
    services_workflow.request_transition(
        actor=officer, request=filed, to_status=Status.COMPLETED
    )
    url = filed.get_tracking_url()
    assert client.get(url).context["can_rate"] is True
    response = client.post(url, {"score": "5", "comment": "ดีมาก"})
    assert response.status_code == 302
    assert filed.ratings.get().score == 5
    response = client.post(url, {"score": "1"})
    assert response.status_code == 200
    assert filed.ratings.count() == 1


def test_public_statistics_page(client, service):
    file_request(service)
    response = client.get(
        reverse(
            "eservices-public:statistics", kwargs={"org": service.organization.slug}
        )
    )
    assert response.status_code == 200
    assert response.context["report"].total.received == 1


# --- Back office ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["queue", "service-list", "statistics", "settings", "service-new"],
)
def test_back_office_needs_the_service_officer_role(client, organization, name):
    url = reverse(f"eservices-staff:{name}", kwargs={"org": organization.slug})
    plain = MembershipFactory(organization=organization, roles=[Role.STAFF.value])
    client.force_login(plain.user)
    assert client.get(url).status_code == 403
    officer = MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    )
    client.force_login(officer.user)
    assert client.get(url).status_code == 200


def test_officer_works_a_request_through_the_pages(client, service, officer):
    filed = file_request(service, files=[("photo", _photo())])
    client.force_login(officer)
    detail = client.get(filed.get_staff_url())
    assert detail.status_code == 200
    attachment = filed.attachments.get()
    file_url = reverse(
        "eservices-staff:attachment",
        kwargs={
            "org": service.organization.slug,
            "pk": filed.pk,
            "attachment_pk": attachment.pk,
        },
    )
    assert client.get(file_url).status_code == 200
    transition = reverse(
        "eservices-staff:request-transition",
        kwargs={"org": service.organization.slug, "pk": filed.pk},
    )
    response = client.post(transition, {"to_status": "rejected", "reason": ""})
    assert response.status_code == 400
    assert response.context["transition_form"].errors
    response = client.post(transition, {"to_status": "in_progress"})
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == Status.IN_PROGRESS
    note = reverse(
        "eservices-staff:request-note",
        kwargs={"org": service.organization.slug, "pk": filed.pk},
    )
    assert client.post(note, {"text": "นัดช่างพรุ่งนี้"}).status_code == 302


def test_queue_jump_through_the_page_needs_a_reason(client, service, officer):
    file_request(service)
    later = file_request(service)
    client.force_login(officer)
    url = reverse(
        "eservices-staff:request-transition",
        kwargs={"org": service.organization.slug, "pk": later.pk},
    )
    response = client.post(url, {"to_status": "in_progress"})
    assert response.status_code == 400
    assert "jump_reason" in response.context["transition_form"].errors
    response = client.post(
        url, {"to_status": "in_progress", "jump_reason": "สายไฟพาดกิ่งไม้"}
    )
    assert response.status_code == 302


def test_staff_file_for_a_walk_in_citizen(client, service, officer):
    client.force_login(officer)
    url = reverse(
        "eservices-staff:request-new",
        kwargs={"org": service.organization.slug, "pk": service.pk},
    )
    response = client.post(url, apply_form_data(channel="walk_in", citizen_phone=""))
    assert response.status_code == 302
    filed = ServiceRequest.objects.get()
    assert filed.channel == "walk_in"
    assert filed.filed_by == officer


def test_adopt_edit_and_version_a_service(client, organization, officer):
    client.force_login(officer)
    org = organization.slug
    response = client.post(
        reverse("eservices-staff:service-adopt", kwargs={"org": org}),
        {"template": "street-light"},
    )
    assert response.status_code == 302
    service = organization.eservices.get()
    form_url = reverse(
        "eservices-staff:service-form", kwargs={"org": org, "pk": service.pk}
    )
    response = client.post(form_url, {"fields_json": "[{"})
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(
        form_url,
        {
            "fields_json": '[{"code": "pole", "label": "เลขเสา", "type": "text"},'
            ' {"code": "where", "label": "ที่ไหน", "type": "location", "required": true}]'
        },
    )
    assert response.status_code == 302
    assert service.form_versions.count() == 2


def test_member_of_another_organisation_gets_404(client, service, other_organization):
    filed = file_request(service)
    outsider = MembershipFactory(
        organization=other_organization, roles=[Role.SERVICE_OFFICER.value]
    ).user
    client.force_login(outsider)
    assert client.get(filed.get_staff_url()).status_code == 404
    other_url = reverse(
        "eservices-staff:request-detail",
        kwargs={"org": other_organization.slug, "pk": filed.pk},
    )
    assert client.get(other_url).status_code == 404
    other_track = reverse(
        "eservices-public:track-detail",
        kwargs={"org": other_organization.slug, "code": filed.tracking_code},
    )
    assert client.get(other_track).status_code == 404


def test_settings_issue_an_api_key_once(client, organization, officer):
    client.force_login(officer)
    url = reverse("eservices-staff:settings", kwargs={"org": organization.slug})
    response = client.post(url, {"issue_key": "1"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("Open311" in m for m in messages)
    hint = organization.eservice_settings.open311_api_key_hint
    assert hint and hint in messages[0]


def _mistyped(code: str) -> str:
    wrong = "A" if code[0] != "A" else "C"
    return wrong + code[1:]


def test_a_mistyped_code_gets_a_hint_and_is_not_counted(client, service, monkeypatch):
    from prongsai.eservices import selectors
    from prongsai.eservices.views_public import TRACKING_LOOKUPS

    filed = file_request(service)
    lookup = reverse(
        "eservices-public:track", kwargs={"org": service.organization.slug}
    )
    looked_up = []
    real = selectors.access_request_by_code
    monkeypatch.setattr(
        selectors,
        "access_request_by_code",
        lambda **kw: looked_up.append(kw) or real(**kw),
    )
    for _n in range(TRACKING_LOOKUPS.limit + 5):
        response = client.get(lookup, {"code": _mistyped(filed.tracking_code)})
        assert response.status_code == 200
        assert "รหัสไม่ถูกต้อง ตรวจสอบอีกครั้ง" in str(response.context["form"].errors["code"])
    assert looked_up == []  # no database look-up for a typing mistake
    # Not counted as guesses: the right code is still found.
    response = client.get(lookup, {"code": filed.tracking_code})
    assert response.status_code == 302


def test_codes_issued_before_the_one_generator_are_still_found(client, service):
    filed = file_request(service)
    ServiceRequest.objects.filter(pk=filed.pk).update(tracking_code="K7M2Q-9XDPA")
    lookup = reverse(
        "eservices-public:track", kwargs={"org": service.organization.slug}
    )
    response = client.get(lookup, {"code": "k7m2q 9xdpa"})
    assert response.status_code == 302
    assert response["Location"].endswith("/track/K7M2Q-9XDPA/")
    assert client.get(response["Location"]).status_code == 200
