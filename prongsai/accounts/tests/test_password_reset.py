"""The password-reset e-mail is Thai, names the site and links to its address."""

import re

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.test import override_settings
from django.utils import translation

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.sites import site_sync

pytestmark = pytest.mark.django_db
RESET = "/accounts/password/reset/"
BASE = "https://prongsai.example.go.th"
NAME = "ระบบโปร่งใส จังหวัดขอนแก่น"


@pytest.fixture(autouse=True)
def _site_settings(settings):
    settings.PRONGSAI_BASE_URL = BASE
    settings.PRONGSAI_SITE_NAME = NAME


def _assert_names_the_site(message):
    text = message.subject + message.body
    assert NAME in message.subject
    assert NAME in message.body
    assert BASE in message.body
    for wrong in ("localhost", "example.com", "127.0.0.1", "testserver"):
        assert wrong not in text


def test_reset_mail_is_thai_and_links_to_the_base_url(client):
    user = UserFactory(email="somsri@bandong.example")
    response = client.post(RESET, {"email": user.email}, HTTP_HOST="testserver")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert "ตั้งรหัสผ่านใหม่" in message.subject
    assert "สวัสดีจาก" in message.body
    assert "หากท่านไม่ได้ขอ" in message.body
    _assert_names_the_site(message)
    link = re.search(r"https://\S+", message.body).group(0)
    assert link.startswith(BASE + "/accounts/password/reset/key/")
    # The link works: it leads to the form for a new password.
    path = link.removeprefix(BASE)
    page = client.get(path, follow=True)
    assert page.status_code == 200
    assert b'name="password1"' in page.content


def test_reset_mail_ignores_a_forged_host_header(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    UserFactory(email="somsri@bandong.example")
    client.post(RESET, {"email": "somsri@bandong.example"}, HTTP_HOST="evil.example")
    (message,) = mail.outbox
    assert "evil.example" not in message.body
    _assert_names_the_site(message)


def test_mail_for_an_unknown_address_is_thai_too(client):
    client.post(RESET, {"email": "nobody@bandong.example"})
    (message,) = mail.outbox
    assert "ไม่มีบัญชี" in message.subject
    _assert_names_the_site(message)


def test_mail_sent_without_a_language_is_thai():
    """A background job has no active language: the mail is still Thai."""
    from allauth.account.internal.flows.password_reset import (
        request_password_reset,
    )

    user = UserFactory(email="somsri@bandong.example")
    with translation.override(None):
        request_password_reset(None, user.email, [user], None)
    (message,) = mail.outbox
    assert "ตั้งรหัสผ่านใหม่" in message.subject
    _assert_names_the_site(message)


def test_site_row_follows_the_settings():
    site_sync()
    site = Site.objects.get_current()
    assert (site.name, site.domain) == (NAME, "prongsai.example.go.th")
    with override_settings(PRONGSAI_BASE_URL="https://itas.example.go.th:8443/"):
        site_sync()
        assert Site.objects.get_current().domain == "itas.example.go.th:8443"


def test_migrate_names_the_site():
    """post_migrate (run when the test database was made) set the default name."""
    assert Site.objects.get(pk=1).name == "Prongsai โปร่งใส"
