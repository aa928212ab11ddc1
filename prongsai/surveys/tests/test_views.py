"""Survey pages: staff list, create, detail, actions, downloads; public
answer pages, the honeypot and the per-connection rate limit."""

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.testing import fetch_document
from prongsai.notifications.models import Notification
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.surveys import selectors
from prongsai.surveys.models import Survey, SurveyResponse
from prongsai.surveys.tests.factories import add_responses, answers_for, make_survey

pytestmark = pytest.mark.django_db


def login(client, organization, *roles):
    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    client.force_login(user)
    return user


def staff_url(name, organization, **kw):
    return reverse(f"surveys-staff:{name}", kwargs={"org": organization.slug, **kw})


def form_data(survey, value=2, skip=()):
    data = {}
    for q in selectors.survey_questions(survey):
        values = answers_for(survey, value=value)[q.code]
        if q.code in skip:
            continue
        if q.bullets:
            data.update({f"q_{q.code}_{i}": v for i, v in enumerate(values)})
        else:
            data[f"q_{q.code}"] = values[0]
    return data


def test_the_coordinator_creates_a_pulse_from_the_year_question_set(
    client, organization
):
    login(client, organization, Role.ITA_COORDINATOR)
    page = client.get(staff_url("survey-list", organization))
    assert page.status_code == 200
    answer = client.post(
        staff_url("survey-list", organization),
        {
            "kind": "iit",
            "fiscal_year": 2569,
            "title": "IIT พัลส์",
            "custom_questions": "",
        },
    )
    survey = Survey.objects.for_organization(organization).get()
    assert answer.status_code == 302 and answer.url == survey.get_staff_url()
    assert len(survey.questions) == 30


def test_a_refused_survey_keeps_what_was_typed(client, organization):
    login(client, organization, Role.ORG_ADMIN)
    page = client.post(
        staff_url("survey-list", organization),
        {
            "kind": "satisfaction",
            "fiscal_year": 2569,
            "title": "ความพึงพอใจหลังรับบริการ",
            "custom_questions": "",
            "description": "คำชี้แจงที่พิมพ์ไว้",
        },
    )
    assert page.status_code == 200
    assert "คำชี้แจงที่พิมพ์ไว้" in page.content.decode()
    assert "ความพึงพอใจหลังรับบริการ" in page.content.decode()
    assert not Survey.objects.for_organization(organization).exists()


def test_executives_read_results_but_do_not_manage(client, organization):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    add_responses(survey, 5, value=3)
    login(client, organization, Role.EXECUTIVE)
    page = client.get(survey.get_staff_url())
    assert page.status_code == 200
    assert "80.00" in page.content.decode()  # indicator 6, see test_services
    assert client.post(staff_url("survey-list", organization), {}).status_code == 403
    assert (
        client.post(
            staff_url("survey-status", organization, pk=survey.pk), {"status": "closed"}
        ).status_code
        == 403
    )


def test_plain_staff_cannot_see_surveys(client, organization):
    login(client, organization, Role.STAFF)
    assert client.get(staff_url("survey-list", organization)).status_code == 403


def test_results_under_five_show_the_rule_and_no_score(client, organization):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    add_responses(survey, 4, value=3)
    login(client, organization, Role.ITA_COORDINATOR)
    page = client.get(survey.get_staff_url()).content.decode()
    assert "80.00" not in page and "100.00" not in page
    csv = client.get(staff_url("survey-responses", organization, pk=survey.pk))
    assert csv.content.decode("utf-8-sig").strip().count("\n") == 0  # header only


def test_open_close_and_send_links(client, organization):
    survey = make_survey(organization, status=Survey.Status.DRAFT)
    login(client, organization, Role.ITA_COORDINATOR)
    client.post(
        staff_url("survey-status", organization, pk=survey.pk), {"status": "open"}
    )
    survey.refresh_from_db()
    assert survey.is_open
    client.post(staff_url("survey-send", organization, pk=survey.pk))
    assert (
        Notification.objects.for_organization(organization)
        .filter(kind="surveys/iit_invitation")
        .count()
        == 1
    )
    client.post(
        staff_url("survey-status", organization, pk=survey.pk), {"status": "closed"}
    )
    survey.refresh_from_db()
    assert survey.status == "closed"


@pytest.mark.parametrize(
    ("name", "query", "content_type"),
    [
        ("survey-qr", "?format=png", "image/png"),
        ("survey-qr", "", "image/svg+xml"),
        ("survey-responses", "?format=csv", "text/csv"),
        ("survey-responses", "?format=xlsx", "application/vnd.openxmlformats"),
        ("survey-report", "?format=pdf", "application/pdf"),
        ("survey-report", "?format=docx", "application/vnd.openxmlformats"),
    ],
)
def test_downloads(client, organization, name, query, content_type):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    add_responses(survey, 6)
    login(client, organization, Role.ITA_COORDINATOR)
    answer = fetch_document(client, staff_url(name, organization, pk=survey.pk) + query)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith(content_type)


def test_the_report_docx_has_the_indicator_table_in_thai(client, organization):
    import io

    from docx import Document

    survey = make_survey(organization, kind=Survey.Kind.EIT)
    add_responses(survey, 5, value=3)
    login(client, organization, Role.ITA_COORDINATOR)
    answer = fetch_document(
        client, staff_url("survey-report", organization, pk=survey.pk) + "?format=docx"
    )
    doc = Document(io.BytesIO(answer.content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "6. คุณภาพการดำเนินงาน" in cells and "80.00" in cells


def test_an_iit_pulse_has_no_qr_code_or_public_page(client, organization):
    survey = make_survey(organization)
    login(client, organization, Role.ITA_COORDINATOR)
    assert (
        client.get(staff_url("survey-qr", organization, pk=survey.pk)).status_code
        == 404
    )
    public = reverse(
        "surveys-public:survey-answer",
        kwargs={"org": organization.slug, "pk": survey.pk},
    )
    assert client.get(public).status_code == 404


def test_the_public_eit_page_takes_an_answer(client, organization):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    url = survey.get_public_url()
    assert client.get(url).status_code == 200
    answer = client.post(url, form_data(survey))
    assert answer.status_code == 302
    assert SurveyResponse.objects.for_organization(organization).count() == 1


def test_a_missing_answer_keeps_the_others(client, organization):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    page = client.post(
        survey.get_public_url(), form_data(survey, value=1, skip=("e2",))
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="q_e1" id="id_q_e1_1" value="1" checked' in html.replace("\n", "")
    assert not SurveyResponse.objects.for_organization(organization).exists()


def test_the_hidden_field_filled_in_stores_nothing(client, organization):
    from prongsai.core.forms import HONEYPOT_FIELD

    survey = make_survey(organization, kind=Survey.Kind.SATISFACTION)
    answer = client.post(
        survey.get_public_url(), {**form_data(survey), HONEYPOT_FIELD: "x"}
    )
    assert answer.status_code == 200
    assert "ปล่อยว่าง" in answer.content.decode()
    assert not SurveyResponse.objects.for_organization(organization).exists()


def test_one_connection_is_limited_with_a_thai_429(client, organization, settings):
    from prongsai.surveys.views_public import PUBLIC_ANSWERS

    survey = make_survey(organization, kind=Survey.Kind.SATISFACTION)
    data = form_data(survey)
    for _ in range(PUBLIC_ANSWERS.limit):
        assert client.post(survey.get_public_url(), data).status_code == 302
    blocked = client.post(survey.get_public_url(), data)
    assert blocked.status_code == 429
    assert "หลายครั้ง" in blocked.content.decode()
    other = client.post(survey.get_public_url(), data, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_a_closed_public_survey_says_so(client, organization):
    survey = make_survey(
        organization, kind=Survey.Kind.EIT, status=Survey.Status.CLOSED
    )
    page = client.get(survey.get_public_url())
    assert page.status_code == 200 and "ไม่เปิดรับ" in page.content.decode()
    draft = make_survey(organization, kind=Survey.Kind.EIT, status=Survey.Status.DRAFT)
    assert client.get(draft.get_public_url()).status_code == 404


def test_a_foreign_or_used_link_is_a_404_page(client, organization, other_organization):
    from prongsai.surveys.tests.tenancy import _token

    raw = _token(other_organization)["token"]
    url = reverse(
        "surveys-public:token-answer", kwargs={"org": organization.slug, "token": raw}
    )
    assert client.get(url).status_code == 404
    own = reverse(
        "surveys-public:token-answer",
        kwargs={"org": other_organization.slug, "token": raw},
    )
    assert client.get(own).status_code == 200
    submit = reverse(
        "surveys-public:token-submit", kwargs={"org": other_organization.slug}
    )
    from prongsai.surveys.models import SurveyToken

    token = SurveyToken.objects.for_organization(other_organization).get()
    data = {"token": raw, **form_data(token.survey)}
    assert client.post(submit, data).status_code == 302
    assert client.get(own).status_code == 404
    assert client.post(submit, data).status_code == 404
