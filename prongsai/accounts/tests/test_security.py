"""Sign-in: allauth with a TOTP stage, lockout by username + IP, clean logs."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.accounts.tests.factories import TEST_PASSWORD, UserFactory
from prongsai.conftest import totp_now, via_proxy
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _login(client, email, password=TEST_PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_thai_and_offers_no_signup(client):
    body = client.get(LOGIN).content.decode()
    assert "เข้าสู่ระบบ" in body
    assert "/accounts/signup/" not in body


def test_signup_is_closed(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert (
        "signup" not in response.content.decode().lower()
        or "ปิด" in response.content.decode()
    )


def test_user_with_totp_must_enter_code(client, admin_user):
    response = _login(client, admin_user.email)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: stays on the form
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin_user.pk)
    follow = client.get(response.url, follow=True)
    assert follow.status_code == 200
    assert admin_user.memberships.get().organization.name in follow.content.decode()


def test_user_without_mfa_role_signs_in_with_password(client, organization):
    membership = MembershipFactory(organization=organization, roles=[Role.DATA_OFFICER])
    response = _login(client, membership.user.email)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(membership.user.pk)


def test_wrong_password_is_explained_in_thai(client, staff_membership):
    response = _login(client, staff_membership.user.email, password="wrong-password")
    assert response.status_code == 200
    assert "ไม่ถูกต้อง" in response.content.decode()


def test_lockout_after_repeated_failures_is_keyed_on_username_and_ip(
    client, settings, staff_membership
):
    settings.AXES_FAILURE_LIMIT = 3
    email = staff_membership.user.email
    for _ in range(3):
        _login(client, email, password="wrong-password")
    locked = _login(client, email)  # even the right password
    assert locked.status_code == 429
    assert "ครั้ง" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Same user from another address, and another user from the same address,
    # are not locked out.
    assert _login(client, email, ip="10.0.0.2").status_code == 302
    client.logout()
    other = MembershipFactory(organization=staff_membership.organization)
    assert _login(client, other.user.email).status_code == 302


def test_platform_admin_signs_in_through_allauth(client):
    response = client.get("/platform-admin/")
    assert response.status_code == 302
    login_redirect = client.get(response.url)
    assert login_redirect.status_code == 302
    assert login_redirect.url.startswith(LOGIN)


def test_superuser_without_totp_is_sent_to_set_it_up(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    response = client.get("/platform-admin/", follow=True)
    urls = [url for url, _status in response.redirect_chain]
    assert any(url.startswith(reverse("mfa_activate_totp")) for url in urls), urls


def test_superuser_with_totp_reaches_admin(client):
    user = UserFactory(is_superuser=True, is_staff=True, totp=True)
    client.force_login(user)
    assert client.get("/platform-admin/").status_code == 200


def test_failed_logins_leave_no_personal_data_in_logs(client, staff_membership, caplog):
    caplog.set_level(logging.DEBUG)
    _login(
        client,
        staff_membership.user.email,
        password="wrong-secret-xyz",
        ip="203.0.113.77",
    )
    client.get(
        "/does-not-exist/",
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="SecretAgent/1.0",
    )
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "203.0.113.77" not in text
    assert "wrong-secret-xyz" not in text
    assert "SecretAgent" not in text


def test_request_log_records_lose_the_request_object():
    from prongsai.core.logging import StripRequestFilter

    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found", (), None
    )
    record.request = object()
    assert StripRequestFilter().filter(record) is True
    assert record.request is None


# --- Behind the proxy: one visitor cannot lock others out -------------------------
VISITOR_A = "203.0.113.10"
VISITOR_B = "198.51.100.20"


@pytest.fixture
def production_limits(behind_proxy, settings):
    """Behind nginx, with axes and allauth's sign-in limits as deployed."""
    settings.ACCOUNT_RATE_LIMITS = settings.PRODUCTION_ACCOUNT_RATE_LIMITS
    settings.AXES_FAILURE_LIMIT = 5
    return settings


def _login_via_proxy(client, email, address, password=TEST_PASSWORD, spoofed=""):
    return client.post(
        LOGIN,
        {"login": email, "password": password},
        **via_proxy(address, spoofed=spoofed),
    )


def _signed_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def test_five_wrong_passwords_from_one_visitor_leave_the_owner_signing_in(
    production_limits, staff_membership
):
    user = staff_membership.user
    attacker, owner = Client(), Client()
    for _ in range(5):
        _login_via_proxy(attacker, user.email, VISITOR_A, "wrong-password")
    # The attacker's address is locked out, even with the right password ...
    assert _login_via_proxy(attacker, user.email, VISITOR_A).status_code != 302
    assert not _signed_in(attacker, user)
    # ... the owner, elsewhere behind the same proxy, is not.
    response = _login_via_proxy(owner, user.email, VISITOR_B)
    assert response.status_code == 302
    assert _signed_in(owner, user)


def test_failed_logins_to_made_up_accounts_do_not_block_other_visitors(
    production_limits, staff_membership
):
    attacker, owner = Client(), Client()
    for n in range(11):
        _login_via_proxy(attacker, f"nobody{n}@example.org", VISITOR_A, "wrong-pw")
    # allauth's "10/m/ip" limit has stopped the attacker's address ...
    blocked = _login_via_proxy(attacker, staff_membership.user.email, VISITOR_A)
    assert blocked.status_code != 302
    assert not _signed_in(attacker, staff_membership.user)
    # ... and only that one.
    response = _login_via_proxy(owner, staff_membership.user.email, VISITOR_B)
    assert response.status_code == 302
    assert _signed_in(owner, staff_membership.user)


def test_a_spoofed_forwarded_for_entry_does_not_escape_the_lockout(
    production_limits, staff_membership
):
    email = staff_membership.user.email
    attacker = Client()
    for n in range(5):
        _login_via_proxy(
            attacker, email, VISITOR_A, "wrong-password", spoofed=f"10.9.8.{n}"
        )
    for spoofed in ("", "10.9.8.200", VISITOR_B, f"{VISITOR_B}, 192.0.2.1"):
        response = _login_via_proxy(attacker, email, VISITOR_A, spoofed=spoofed)
        assert response.status_code != 302, spoofed
        assert not _signed_in(attacker, staff_membership.user)
