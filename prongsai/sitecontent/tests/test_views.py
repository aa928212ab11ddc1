"""Back-office site content views: the form → service → message → redirect flow."""

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.sitecontent import services
from prongsai.sitecontent.models import Executive, Law

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(organization):
    user = UserFactory()
    MembershipFactory(
        organization=organization, user=user, roles=[Role.DATA_OFFICER.value]
    )
    return user


def _url(name, organization, **kwargs):
    return reverse(
        f"sitecontent-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


LAW = {"title": "เทศบัญญัติงบประมาณ", "category": "ordinance", "status": "draft"}


def test_law_without_text_keeps_the_input_and_shows_the_error(
    client, organization, editor
):
    client.force_login(editor)
    response = client.post(_url("law-create", organization), LAW)
    assert response.status_code == 200
    body = response.content.decode()
    assert "เทศบัญญัติงบประมาณ" in body  # what was typed is still there
    assert response.context["form"].errors["url"]
    assert not Law.objects.exists()


def test_law_saved_shows_the_message_and_redirects(client, organization, editor):
    client.force_login(editor)
    response = client.post(
        _url("law-create", organization), {**LAW, "url": "https://example.go.th/l"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url("index", organization)
    page = client.get(response["Location"]).content.decode()
    assert "บันทึกแล้ว" in page
    assert Law.objects.get().title == "เทศบัญญัติงบประมาณ"


def test_executive_delete_reports_and_redirects(client, organization, editor):
    executive = services.executive_create(
        actor=None,
        organization=organization,
        full_name="นายสมชาย ใจดี",
        position="นายก",
        side="political",
    )
    client.force_login(editor)
    response = client.post(
        _url("executive-delete", organization, pk=executive.pk), follow=True
    )
    assert response.redirect_chain[-1][0] == _url("index", organization)
    assert "ลบแล้ว" in response.content.decode()
    assert not Executive.objects.exists()
