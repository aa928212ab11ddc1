"""LINE for the E-Service: staff deadline reminders and citizen updates."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from prongsai.complaints.tests.test_webhooks import LINE_SECRET, LINE_TOKEN, NetworkEdge
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations import channels
from prongsai.organizations.roles import Role
from prongsai.organizations.services_channels import channel_settings_update
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

T0 = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(420))
OFFICER_LINE = "U00000000000000000000000000off1ce"
CITIZEN_LINE = "U0000000000000000000000000c1t1zen"


@pytest.fixture
def edge(monkeypatch, organization):
    channel_settings_update(
        actor=None,
        organization=organization,
        line_channel_secret=LINE_SECRET,
        line_access_token=LINE_TOKEN,
    )
    stub = NetworkEdge()
    monkeypatch.setattr(channels, "_open", stub)
    return stub


def pushes(edge):
    return [c for c in edge.calls if c["url"].endswith("/message/push")]


def only_push(edge, to: str) -> tuple[dict, str]:
    """The one push sent (to ``to``) and its text."""
    sent = pushes(edge)
    assert len(sent) == 1
    assert sent[0]["body"]["to"] == to
    return sent[0], sent[0]["body"]["messages"][0]["text"]


def request_send_deadline_reminders():
    from django.test import TestCase
    from django.utils import timezone

    from prongsai.eservices.tasks import request_deadline_reminders_for
    from prongsai.organizations.models import Organization

    now = timezone.now().isoformat()
    ids = Organization.objects.values_list("pk", flat=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return sum(request_deadline_reminders_for(pk, now) for pk in ids)


class TestDeadlineReminders:
    def test_linked_officer_also_gets_a_line_push(self, organization, edge, mailoutbox):

        officer_membership = MembershipFactory(
            organization=organization,
            roles=[Role.SERVICE_OFFICER.value],
            line_user_id=OFFICER_LINE,
        )
        assignee = MembershipFactory(organization=organization).user  # no LINE
        service = ServiceFactory(
            organization=organization, officer=officer_membership.user
        )
        with time_machine.travel(T0, tick=False):
            overdue = file_request(service, citizen_email="")
        from prongsai.eservices import services_workflow

        services_workflow.request_assign(actor=None, request=overdue, assignee=assignee)
        with time_machine.travel(T0 + timedelta(days=8), tick=False):
            mailoutbox.clear()
            assert request_send_deadline_reminders() == 2
        assert sorted(m.to[0] for m in mailoutbox) == sorted(
            [officer_membership.user.email, assignee.email]
        )
        _push, text = only_push(edge, OFFICER_LINE)
        assert overdue.tracking_code in text
        assert overdue.get_staff_url() in text
        assert overdue.citizen_name not in text

    def test_line_linked_in_another_organisation_is_not_used(
        self, organization, other_organization, edge, mailoutbox
    ):

        officer = MembershipFactory(organization=organization).user
        MembershipFactory(
            organization=other_organization, user=officer, line_user_id=OFFICER_LINE
        )
        service = ServiceFactory(organization=organization, officer=officer)
        with time_machine.travel(T0, tick=False):
            file_request(service, citizen_email="")
        with time_machine.travel(T0 + timedelta(days=8), tick=False):
            assert request_send_deadline_reminders() == 1
        assert pushes(edge) == []


# --- LINE Login -----------------------------------------------------------------

CHANNEL_ID = "1657000000"
CHANNEL_SECRET = "line-login-secret-for-tests"


class LoginEdge:
    """Stands in for ``channels._open``: LINE Login's token and verify endpoints."""

    def __init__(self, *, sub=CITIZEN_LINE, token_status=200, verify_status=200):
        self.calls = []
        self.sub = sub
        self.token_status = token_status
        self.verify_status = verify_status
        self.claims = {}
        self.nonce = None

    def __call__(self, request):
        import json
        from urllib.parse import parse_qsl

        url = request.full_url
        data = dict(parse_qsl(request.data.decode("ascii")))
        self.calls.append((url, data))
        if url == channels.LOGIN_TOKEN_URL:
            body = {"access_token": "at", "id_token": "header.payload.sig"}
            return channels.Response(self.token_status, json.dumps(body).encode())
        if url == channels.LOGIN_VERIFY_URL:
            claims = {
                "iss": "https://access.line.me",
                "sub": self.sub,
                "aud": data["client_id"],
                "exp": time_now() + 3600,
                "iat": time_now(),
                "nonce": data.get("nonce"),
                **self.claims,
            }
            return channels.Response(self.verify_status, json.dumps(claims).encode())
        raise AssertionError(url)


def time_now():
    import time

    return int(time.time())


@pytest.fixture
def login_edge(monkeypatch):
    stub = LoginEdge()
    monkeypatch.setattr(channels, "_open", stub)
    return stub


@pytest.fixture
def line_login_on(organization):
    channel_settings_update(
        actor=None,
        organization=organization,
        line_login_channel_id=CHANNEL_ID,
        line_login_channel_secret=CHANNEL_SECRET,
    )
    return organization


@pytest.fixture
def filed(organization):
    return file_request(ServiceFactory(organization=organization), citizen_email="")


def _start(client, organization, filed):
    from urllib.parse import parse_qs, urlparse

    response = client.get(
        f"/{organization.slug}/eservices/line/login/?track={filed.tracking_code}"
    )
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.scheme + "://" + location.netloc + location.path == (
        "https://access.line.me/oauth2/v2.1/authorize"
    )
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def _callback(client, organization, **params):
    return client.get(f"/{organization.slug}/eservices/line/callback/", params)


class TestLineLogin:
    def test_secret_is_stored_encrypted(self, line_login_on):
        from django.db import connection

        from prongsai.organizations.models import ChannelSettings

        row = ChannelSettings.objects.get(organization=line_login_on)
        assert row.line_login_channel_secret == CHANNEL_SECRET
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT line_login_channel_secret FROM organizations_channelsettings"
            )
            stored = cursor.fetchone()[0]
        assert CHANNEL_SECRET not in stored and stored.startswith("fernet:")

    def test_authorize_url_has_state_and_nonce_from_the_session(
        self, client, line_login_on, filed
    ):
        query = _start(client, line_login_on, filed)
        pending = client.session["eservices_line_login"]
        assert query["client_id"] == CHANNEL_ID
        assert query["response_type"] == "code"
        assert query["scope"] == "openid"
        assert query["state"] == pending["state"]
        assert query["nonce"] == pending["nonce"]
        assert query["redirect_uri"].endswith(
            f"/{line_login_on.slug}/eservices/line/callback/"
        )

    def test_success_links_the_request_and_lists_it(
        self, client, line_login_on, filed, login_edge
    ):
        query = _start(client, line_login_on, filed)
        response = _callback(
            client, line_login_on, code="auth-code", state=query["state"]
        )
        assert response.status_code == 302
        assert response["Location"] == filed.get_tracking_url()
        filed.refresh_from_db()
        assert filed.line_user_id == CITIZEN_LINE
        token_call, verify_call = login_edge.calls
        assert token_call[1]["code"] == "auth-code"
        assert token_call[1]["client_secret"] == CHANNEL_SECRET
        assert token_call[1]["redirect_uri"] == query["redirect_uri"]
        assert verify_call[1] == {
            "id_token": "header.payload.sig",
            "client_id": CHANNEL_ID,
            "nonce": query["nonce"],
        }
        page = client.get(f"/{line_login_on.slug}/eservices/mine/")
        assert filed.tracking_code in page.content.decode()
        assert CITIZEN_LINE not in page.content.decode()

    def test_state_mismatch_links_nothing(
        self, client, line_login_on, filed, login_edge
    ):
        _start(client, line_login_on, filed)
        _callback(client, line_login_on, code="auth-code", state="forged")
        filed.refresh_from_db()
        assert filed.line_user_id == ""
        assert login_edge.calls == []

    def test_callback_without_a_started_login_links_nothing(
        self, client, line_login_on, filed, login_edge
    ):
        _callback(client, line_login_on, code="auth-code", state="anything")
        assert login_edge.calls == []
        assert "eservices_line_users" not in client.session

    def test_nonce_mismatch_links_nothing(
        self, client, line_login_on, filed, login_edge
    ):
        login_edge.claims = {"nonce": "another-nonce"}
        query = _start(client, line_login_on, filed)
        _callback(client, line_login_on, code="auth-code", state=query["state"])
        filed.refresh_from_db()
        assert filed.line_user_id == ""
        assert "eservices_line_users" not in client.session

    @pytest.mark.parametrize(
        "claims",
        [
            {"iss": "https://evil.example"},
            {"aud": "999"},
            {"exp": 1},
            {"sub": ""},
        ],
    )
    def test_bad_id_token_claims_link_nothing(
        self, client, line_login_on, filed, login_edge, claims
    ):
        login_edge.claims = claims
        query = _start(client, line_login_on, filed)
        _callback(client, line_login_on, code="auth-code", state=query["state"])
        filed.refresh_from_db()
        assert filed.line_user_id == ""

    def test_token_refused_by_line_links_nothing(
        self, client, line_login_on, filed, login_edge
    ):
        login_edge.verify_status = 400  # LINE: invalid signature or expired
        query = _start(client, line_login_on, filed)
        _callback(client, line_login_on, code="auth-code", state=query["state"])
        filed.refresh_from_db()
        assert filed.line_user_id == ""

    def test_state_is_single_use(self, client, line_login_on, filed, login_edge):
        query = _start(client, line_login_on, filed)
        _callback(client, line_login_on, code="auth-code", state=query["state"])
        calls = len(login_edge.calls)
        _callback(client, line_login_on, code="auth-code", state=query["state"])
        assert len(login_edge.calls) == calls

    def test_other_organisations_request_is_404(
        self, client, line_login_on, other_organization
    ):
        foreign = file_request(ServiceFactory(organization=other_organization))
        response = client.get(
            f"/{line_login_on.slug}/eservices/line/login/?track={foreign.tracking_code}"
        )
        assert response.status_code == 404

    def test_login_of_another_organisation_does_not_carry_over(
        self, client, line_login_on, other_organization, filed, login_edge
    ):
        query = _start(client, line_login_on, filed)
        _callback(client, other_organization, code="auth-code", state=query["state"])
        assert login_edge.calls == []
        filed.refresh_from_db()
        assert filed.line_user_id == ""

    def test_my_requests_lists_only_this_organisations_requests(
        self, client, line_login_on, other_organization, filed, login_edge
    ):
        from prongsai.eservices import services_filing

        foreign = file_request(ServiceFactory(organization=other_organization))
        services_filing.request_line_link(request=foreign, line_user_id=CITIZEN_LINE)
        query = _start(client, line_login_on, filed)
        _callback(client, line_login_on, code="auth-code", state=query["state"])
        page = client.get(f"/{line_login_on.slug}/eservices/mine/").content.decode()
        assert filed.tracking_code in page
        assert foreign.tracking_code not in page
        other_page = client.get(
            f"/{other_organization.slug}/eservices/mine/"
        ).content.decode()
        assert foreign.tracking_code not in other_page

    def test_not_configured_sends_back_to_the_tracking_page(
        self, client, organization, filed
    ):
        response = client.get(
            f"/{organization.slug}/eservices/line/login/?track={filed.tracking_code}"
        )
        assert response.status_code == 302
        assert response["Location"] == filed.get_tracking_url()

    def test_tracking_and_confirmation_pages_offer_the_button(
        self, client, line_login_on, filed
    ):
        for url in (
            filed.get_tracking_url(),
            f"/{line_login_on.slug}/eservices/track/{filed.tracking_code}/filed/",
        ):
            page = client.get(url).content.decode()
            assert f"line/login/?track={filed.tracking_code}" in page

    def test_stop_updates_needs_the_same_line_user(
        self, client, line_login_on, filed, login_edge
    ):
        from prongsai.eservices import services_filing

        services_filing.request_line_link(request=filed, line_user_id=CITIZEN_LINE)
        url = f"/{line_login_on.slug}/eservices/track/{filed.tracking_code}/line/stop/"
        client.post(url)
        filed.refresh_from_db()
        assert filed.line_user_id == CITIZEN_LINE
        query = _start(client, line_login_on, filed)
        _callback(client, line_login_on, code="auth-code", state=query["state"])
        client.post(url)
        filed.refresh_from_db()
        assert filed.line_user_id == ""


class TestCitizenPush:
    def test_public_status_change_is_pushed_to_the_citizen(
        self, organization, edge, filed, django_capture_on_commit_callbacks
    ):
        from prongsai.eservices import services_filing, services_workflow
        from prongsai.eservices.models import Status
        from prongsai.notifications.models import Delivery
        from prongsai.organizations.messaging import retry_key_for

        services_filing.request_line_link(request=filed, line_user_id=CITIZEN_LINE)
        with django_capture_on_commit_callbacks(execute=True):
            services_workflow.request_transition(
                actor=None, request=filed, to_status=Status.IN_PROGRESS
            )
        push, text = only_push(edge, CITIZEN_LINE)
        assert filed.tracking_code in text
        assert filed.get_tracking_url() in text
        # A retried push carries the same key: LINE accepts it once.
        delivery = Delivery.objects.get(channel="line")
        assert delivery.status == "sent"
        assert push["headers"]["X-line-retry-key"] == retry_key_for(
            "notification", delivery.pk
        )

    def test_internal_notes_are_not_pushed(
        self, organization, edge, filed, django_capture_on_commit_callbacks
    ):
        from prongsai.eservices import services_filing, services_workflow

        services_filing.request_line_link(request=filed, line_user_id=CITIZEN_LINE)
        with django_capture_on_commit_callbacks(execute=True):
            services_workflow.request_add_note(actor=None, request=filed, text="ภายใน")
        assert pushes(edge) == []

    def test_email_and_line_both_go_out(
        self, organization, edge, mailoutbox, django_capture_on_commit_callbacks
    ):
        from prongsai.eservices import services_filing, services_workflow
        from prongsai.eservices.models import Status

        filed = file_request(ServiceFactory(organization=organization))
        services_filing.request_line_link(request=filed, line_user_id=CITIZEN_LINE)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services_workflow.request_transition(
                actor=None, request=filed, to_status=Status.IN_PROGRESS
            )
        assert len(mailoutbox) == 1
        assert len(pushes(edge)) == 1


class TestLineLoginSettings:
    def test_admin_sets_channel_and_the_secret_is_write_only(
        self, client, organization, admin_user
    ):
        from django.urls import reverse

        from prongsai.core.models import AuditEvent
        from prongsai.organizations.models import ChannelSettings

        client.force_login(admin_user)
        url = reverse(
            "organizations-staff:channel-settings", kwargs={"org": organization.slug}
        )
        data = {
            "line_login_channel_id": CHANNEL_ID,
            "line_login_channel_secret": CHANNEL_SECRET,
        }
        assert client.post(url, data).status_code == 302
        row = ChannelSettings.objects.get(organization=organization)
        assert row.line_login_configured
        page = client.get(url).content.decode()
        assert CHANNEL_SECRET not in page
        assert f"/{organization.slug}/eservices/line/callback/" in page
        # An empty secret keeps the stored one.
        data["line_login_channel_secret"] = ""
        client.post(url, data)
        row.refresh_from_db()
        assert row.line_login_channel_secret == CHANNEL_SECRET
        # Removing the channel ID switches LINE Login off.
        data["line_login_channel_id"] = ""
        client.post(url, data)
        row.refresh_from_db()
        assert not row.line_login_configured and row.line_login_channel_secret == ""
        for event in AuditEvent.objects.filter(action="channel_settings.update"):
            assert CHANNEL_SECRET not in str(event.changes)

    def test_service_officer_sees_where_line_login_is_set(self, client, organization):
        from django.urls import reverse

        officer = MembershipFactory(
            organization=organization, roles=[Role.SERVICE_OFFICER.value]
        ).user
        client.force_login(officer)
        url = reverse("eservices-staff:settings", kwargs={"org": organization.slug})
        page = client.get(url).content.decode()
        assert "line_login_channel_secret" not in page
        channels_url = reverse(
            "organizations-staff:channel-settings", kwargs={"org": organization.slug}
        )
        assert client.get(channels_url).status_code == 403

    def test_channel_id_must_be_digits(self, organization):
        with pytest.raises(ValidationError):
            channel_settings_update(
                actor=None, organization=organization, line_login_channel_id="abc"
            )
