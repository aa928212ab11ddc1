"""Public forms: a per-visitor limit (429, nothing typed lost) and a honeypot.

One mechanism (``core.ratelimit.limit_submissions`` + ``core.forms.handle_form``)
serves the complaint, confidential-report, E-Service and question forms.
"""

import pytest
from django.test import RequestFactory

from prongsai.complaints import views_public as complaint_views
from prongsai.complaints.models import Case
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.core.forms import HONEYPOT_FIELD
from prongsai.core.ratelimit import RequestLimit, client_scope
from prongsai.eservices import views_public as eservice_views
from prongsai.eservices.models import ServiceRequest
from prongsai.eservices.tests.factories import ServiceFactory, apply_form_data
from prongsai.portal import views_public as portal_views
from prongsai.sitecontent.models import Inquiry

pytestmark = pytest.mark.django_db

DESCRIPTION = "ไฟถนนหน้าวัดดับมาสามคืน ขอให้ช่วยซ่อมด่วน"


def _use_up(limit: RequestLimit) -> None:
    """The test client's address (127.0.0.1) has sent ``limit.limit`` forms."""
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")
    for _ in range(limit.limit):
        assert limit.hit(client_scope(request))


def _complaint(organization, **extra):
    category = CategoryFactory(organization=organization)
    return {
        "category": category.pk,
        "subject": "ไฟถนนดับ",
        "description": DESCRIPTION,
        "privacy_ack": "on",
        **extra,
    }


def test_a_limit_counts_per_visitor_and_window():
    limit = RequestLimit("test-limit", limit=2, window=600)
    assert limit.hit("a") and limit.hit("a")
    assert not limit.hit("a")
    assert limit.hit("b")
    assert 0 < limit.retry_after() <= 600


def test_a_visitor_over_the_limit_gets_429_and_keeps_the_text(client, organization):
    _use_up(complaint_views.CASE_SUBMISSIONS)
    url = f"/{organization.slug}/complaints/new/complaint/"
    response = client.post(url, _complaint(organization))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "หลายครั้ง" in page  # "sent this form many times" in Thai
    assert DESCRIPTION in page
    assert Case.objects.count() == 0
    # Someone else (another address) is not affected.
    other = client.post(url, _complaint(organization), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302
    assert Case.objects.count() == 1


def test_the_hidden_field_filled_in_sends_nothing_and_keeps_the_text(
    client, organization
):
    url = f"/{organization.slug}/complaints/new/complaint/"
    page = client.get(url).content.decode()
    assert f'name="{HONEYPOT_FIELD}"' in page
    assert 'aria-hidden="true"' in page
    response = client.post(url, _complaint(organization, **{HONEYPOT_FIELD: "x"}))
    assert response.status_code == 200
    assert DESCRIPTION in response.content.decode()
    assert "ปล่อยว่าง" in response.content.decode()  # "leave empty" in Thai
    assert Case.objects.count() == 0


def test_confidential_reports_are_limited_too(client, organization):
    _use_up(complaint_views.REPORT_SUBMISSIONS)
    response = client.post(
        f"/{organization.slug}/complaints/report/",
        {"mode": "anonymous", "description": DESCRIPTION, "privacy_ack": "on"},
    )
    assert response.status_code == 429
    assert DESCRIPTION in response.content.decode()
    assert Case.objects.count() == 0


def test_eservice_requests_are_limited_and_keep_what_was_typed(client, organization):
    service = ServiceFactory(organization=organization)
    _use_up(eservice_views.REQUEST_SUBMISSIONS)
    url = f"/{organization.slug}/eservices/{service.code}/apply/"
    response = client.post(url, apply_form_data())
    assert response.status_code == 429
    assert "ไฟดับหน้าบ้าน" in response.content.decode()
    assert ServiceRequest.objects.count() == 0
    honeypot = client.post(
        url, apply_form_data(**{HONEYPOT_FIELD: "spam"}), REMOTE_ADDR="10.9.9.9"
    )
    assert honeypot.status_code == 200
    assert ServiceRequest.objects.count() == 0


def test_questions_are_limited_and_guarded(client, organization):
    url = f"/{organization.slug}/contact/"
    data = {"name": "", "contact": "", "question": "เปิดทำการวันเสาร์ไหม"}
    guarded = client.post(url, {**data, HONEYPOT_FIELD: "x"}, REMOTE_ADDR="10.9.9.9")
    assert guarded.status_code == 200
    assert Inquiry.objects.count() == 0
    _use_up(portal_views.QUESTION_SUBMISSIONS)
    response = client.post(url, data)
    assert response.status_code == 429
    assert "เปิดทำการวันเสาร์ไหม" in response.content.decode()
    assert Inquiry.objects.count() == 0
