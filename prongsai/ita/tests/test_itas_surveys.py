"""ITAS survey links: validation, the public EIT banner during its window and
the IIT link for staff."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core import thai_dates
from prongsai.core.models import AuditEvent
from prongsai.ita.models import ItasSurvey
from prongsai.ita.selectors_years import eit_survey_get_open
from prongsai.ita.services_years import is_itas_link, itas_survey_save
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
EIT = "https://itas.nacc.go.th/go/eit/abc123"
IIT = "https://itas.nacc.go.th/go/iit/xyz789"


def _today():
    return timezone.localdate()


def _save(organization, **data):
    return itas_survey_save(
        actor=UserFactory(),
        organization=organization,
        fiscal_year=thai_dates.fiscal_year(_today()),
        **data,
    )


def _open_window(organization, *, start=-1, end=5, **extra):
    today = _today()
    data = {
        "iit_url": IIT,
        "iit_code": "IIT-1",
        "eit_url": EIT,
        "eit_code": "EIT-9",
        "eit_opens_on": today + datetime.timedelta(days=start),
        "eit_closes_on": today + datetime.timedelta(days=end),
    }
    return _save(organization, **{**data, **extra})


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://itas.nacc.go.th/x", "ต้องขึ้นต้นด้วย https://"),
        ("itas.nacc.go.th/x", "ต้องขึ้นต้นด้วย https://"),
        ("https://", "ไม่มีชื่อเว็บไซต์ที่ถูกต้อง"),
        ("https://localhost/x", "ไม่มีชื่อเว็บไซต์ที่ถูกต้อง"),
    ],
)
def test_links_must_be_https_with_a_thai_reason(organization, url, message):
    with pytest.raises(ValidationError) as error:
        _save(organization, eit_url=url)
    assert message in error.value.message_dict["eit_url"][0]
    assert "ลิงก์แบบสำรวจ EIT" in error.value.message_dict["eit_url"][0]
    assert not ItasSurvey.objects.filter(organization=organization).exists()


def test_any_https_link_is_accepted_and_itas_links_are_recognised(organization):
    survey = _save(organization, iit_url="https://forms.example.go.th/iit")
    assert survey.iit_url == "https://forms.example.go.th/iit"
    assert is_itas_link(EIT) and not is_itas_link(survey.iit_url)


def test_window_needs_both_days_in_order_and_a_link(organization):
    today = _today()
    with pytest.raises(ValidationError) as error:
        _save(organization, eit_url=EIT, eit_opens_on=today)
    assert "วันปิด" in error.value.message_dict["eit_closes_on"][0]
    with pytest.raises(ValidationError) as error:
        _save(
            organization,
            eit_url=EIT,
            eit_opens_on=today,
            eit_closes_on=today - datetime.timedelta(days=1),
        )
    assert "ต้องไม่ก่อนวันเปิด" in error.value.message_dict["eit_closes_on"][0]
    with pytest.raises(ValidationError) as error:
        _save(organization, eit_opens_on=today, eit_closes_on=today)
    assert "eit_url" in error.value.message_dict


def test_saving_again_updates_the_year_and_is_audited(organization):
    _open_window(organization)
    _open_window(organization, eit_code="EIT-10")
    assert ItasSurvey.objects.filter(organization=organization).count() == 1
    actions = list(
        AuditEvent.objects.filter(organization=organization).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["itas_survey.create", "itas_survey.update"]
    assert ItasSurvey.objects.get(organization=organization).eit_code == "EIT-10"


def test_open_survey_only_inside_the_window(organization, other_organization):
    survey = _open_window(organization, start=0, end=0)
    today = _today()
    assert eit_survey_get_open(organization=organization, today=today) == survey
    assert (
        eit_survey_get_open(
            organization=organization, today=today + datetime.timedelta(days=1)
        )
        is None
    )
    assert (
        eit_survey_get_open(
            organization=organization, today=today - datetime.timedelta(days=1)
        )
        is None
    )
    assert eit_survey_get_open(organization=other_organization, today=today) is None


def _home(organization):
    return reverse("portal-public:home", kwargs={"org": organization.slug})


def test_public_site_shows_the_eit_banner_while_open(client, organization):
    assert (
        'id="eit-survey-banner"' not in client.get(_home(organization)).content.decode()
    )
    _open_window(organization)
    body = client.get(_home(organization)).content.decode()
    assert 'id="eit-survey-banner"' in body
    assert EIT in body and "EIT-9" in body
    assert "ตอบแบบสำรวจ" in body
    assert IIT not in body  # the staff survey never reaches the public site


def test_public_site_hides_the_banner_outside_the_window(client, organization):
    _open_window(organization, start=3, end=10)
    assert (
        'id="eit-survey-banner"' not in client.get(_home(organization)).content.decode()
    )
    ItasSurvey.objects.filter(organization=organization).update(
        eit_opens_on=_today() - datetime.timedelta(days=10),
        eit_closes_on=_today() - datetime.timedelta(days=1),
    )
    assert (
        'id="eit-survey-banner"' not in client.get(_home(organization)).content.decode()
    )


def _member(organization, *roles):
    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


def _dashboard(organization):
    return reverse("organizations-staff:dashboard", kwargs={"org": organization.slug})


def test_staff_dashboard_shows_the_iit_link(client, organization):
    client.force_login(_member(organization, Role.DATA_OFFICER.value))
    assert (
        'id="iit-survey-link"'
        not in client.get(_dashboard(organization)).content.decode()
    )
    _open_window(organization)
    body = client.get(_dashboard(organization)).content.decode()
    assert 'id="iit-survey-link"' in body and IIT in body and "IIT-1" in body


def test_coordinator_is_pointed_to_the_survey_page(client, organization):
    client.force_login(_member(organization, Role.ITA_COORDINATOR.value))
    body = client.get(_dashboard(organization)).content.decode()
    assert 'id="itas-survey-setup"' in body
    assert reverse("ita-staff:surveys", kwargs={"org": organization.slug}) in body


def test_coordinator_enters_the_links_on_the_page(client, organization):
    client.force_login(_member(organization, Role.ITA_COORDINATOR.value))
    url = reverse("ita-staff:surveys", kwargs={"org": organization.slug})
    year = thai_dates.fiscal_year(_today())
    assert client.get(url).status_code == 200
    response = client.post(
        f"{url}?fiscal_year={year}",
        {
            "iit_url": "http://itas.nacc.go.th/iit",
            "eit_url": EIT,
            "eit_opens_on": "01/03/2570",
            "eit_closes_on": "31/05/2570",
        },
    )
    assert response.status_code == 200
    assert "ต้องขึ้นต้นด้วย https://" in response.content.decode()
    response = client.post(
        f"{url}?fiscal_year={year}",
        {
            "iit_url": IIT,
            "iit_code": "IIT-1",
            "eit_url": EIT,
            "eit_opens_on": "01/03/2570",
            "eit_closes_on": "31/05/2570",
        },
    )
    assert response.status_code == 302
    survey = ItasSurvey.objects.get(organization=organization, fiscal_year=year)
    assert survey.eit_opens_on == datetime.date(2027, 3, 1)
    assert survey.eit_closes_on == datetime.date(2027, 5, 31)


def test_other_staff_cannot_edit_the_links(client, organization):
    client.force_login(_member(organization, Role.EXECUTIVE.value))
    url = reverse("ita-staff:surveys", kwargs={"org": organization.slug})
    assert client.get(url).status_code == 403
    assert client.post(url, {"eit_url": EIT}).status_code == 403
