"""An organisation's own host name: refused platform names, verification, routing."""

import types

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations import hosts, services_hosts
from prongsai.organizations.models import Organization
from prongsai.organizations.selectors import organization_get_slug_for_host
from prongsai.organizations.tests.factories import verified_host_name

pytestmark = pytest.mark.django_db

REAL_ADDRESS_CHECK = hosts.public_address

PLATFORM = {
    "PRONGSAI_PLATFORM_HOSTS": ["prongsai.example.go.th", "localhost", "127.0.0.1"],
    "ALLOWED_HOSTS": ["prongsai.example.go.th", "backup.example.go.th", "testserver"],
    "PRONGSAI_ALLOW_PLATFORM_SUBDOMAINS": False,
}


@pytest.fixture
def platform(settings):
    for name, value in PLATFORM.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def no_network(monkeypatch):
    """The DNS and HTTP edges answer nothing unless a test says otherwise."""
    calls = {"dns": [], "http": [], "resolve": []}

    def resolve(name, rdtype, lifetime=None):
        calls["dns"].append(name)
        import dns.resolver

        raise dns.resolver.NXDOMAIN

    def http_get(url, *, address):
        calls["http"].append(url)
        return None

    def addresses(host):
        calls["resolve"].append(host)
        return "203.0.113.7"

    monkeypatch.setattr("dns.resolver.resolve", resolve)
    monkeypatch.setattr(hosts, "http_get", http_get)
    monkeypatch.setattr(hosts, "public_address", addresses)
    return calls


def _request(organization, host, actor=None):
    return services_hosts.organization_host_request(
        actor=actor, organization=organization, host_name=host
    )


class TestRefusedNames:
    @pytest.mark.parametrize(
        "host",
        ["prongsai.example.go.th", "PRONGSAI.example.go.th.", "backup.example.go.th"],
    )
    def test_platform_hosts_are_refused_in_thai(self, platform, organization, host):
        with pytest.raises(ValidationError) as info:
            _request(organization, host)
        message = " ".join(info.value.message_dict["host_name"])
        assert "ของแพลตฟอร์ม" in message or "แพลตฟอร์มให้บริการ" in message
        organization.refresh_from_db()
        assert organization.pending_host_name == ""

    def test_subdomain_of_the_platform_is_refused(self, platform, organization):
        with pytest.raises(ValidationError) as info:
            _request(organization, "bandong.prongsai.example.go.th")
        assert "prongsai.example.go.th" in str(info.value.message_dict["host_name"])

    def test_subdomain_is_allowed_when_the_operator_allows_it(
        self, platform, organization
    ):
        platform.PRONGSAI_ALLOW_PLATFORM_SUBDOMAINS = True
        _request(organization, "bandong.prongsai.example.go.th")
        organization.refresh_from_db()
        assert organization.pending_host_name == "bandong.prongsai.example.go.th"
        assert organization.host_name == ""

    def test_allowed_host_that_is_an_organizations_verified_host_is_its_own(
        self, platform, organization
    ):
        platform.ALLOWED_HOSTS = [*PLATFORM["ALLOWED_HOSTS"], "www.bandong.go.th"]
        verified_host_name(organization, "www.bandong.go.th")
        _request(organization, "www.bandong.go.th")
        organization.refresh_from_db()
        assert organization.host_name == "www.bandong.go.th"

    def test_bad_host_name_is_refused(self, organization):
        with pytest.raises(ValidationError) as info:
            _request(organization, "http://bad host/")
        assert "host_name" in info.value.message_dict

    def test_platform_host_in_the_database_never_routes(self, platform, organization):
        """Even a platform host written straight into the table is not served."""
        Organization.objects.filter(pk=organization.pk).update(
            host_name="prongsai.example.go.th",
            host_verified_at="2026-01-01T00:00:00Z",
        )
        assert organization_get_slug_for_host("prongsai.example.go.th") is None


class TestRequestAndVerify:
    def test_request_keeps_the_old_host_and_does_not_route(
        self, organization, admin_user
    ):
        verified_host_name(organization, "old.bandong.go.th")
        _request(organization, "www.bandong.go.th", actor=admin_user)
        organization.refresh_from_db()
        assert organization.host_name == "old.bandong.go.th"
        assert organization.pending_host_name == "www.bandong.go.th"
        assert len(organization.host_token) >= 20
        assert organization_get_slug_for_host("www.bandong.go.th") is None
        assert organization_get_slug_for_host("old.bandong.go.th") == "bandong"
        event = AuditEvent.objects.filter(action="organization.host_request").latest(
            "pk"
        )
        assert event.changes == {
            "pending_host_name": "www.bandong.go.th",
            "host_name": "old.bandong.go.th",
        }

    def test_verification_by_dns_txt_record(
        self, organization, admin_user, monkeypatch, django_capture_on_commit_callbacks
    ):
        _request(organization, "www.bandong.go.th", actor=admin_user)
        organization.refresh_from_db()
        asked = []

        def resolve(name, rdtype, lifetime=None):
            asked.append((name, rdtype))
            return [
                types.SimpleNamespace(strings=(b"v=spf1 -all",)),
                types.SimpleNamespace(
                    strings=(b"prongsai-verify=", organization.host_token.encode())
                ),
            ]

        monkeypatch.setattr("dns.resolver.resolve", resolve)
        with django_capture_on_commit_callbacks(execute=True):
            method = services_hosts.organization_host_verify(
                actor=admin_user, organization=organization
            )
        assert method == "dns"
        assert asked == [("_prongsai-verify.www.bandong.go.th", "TXT")]
        organization.refresh_from_db()
        assert organization.host_name == "www.bandong.go.th"
        assert organization.host_verified_by == "dns"
        assert organization.pending_host_name == ""
        assert organization_get_slug_for_host("www.bandong.go.th") == "bandong"
        assert AuditEvent.objects.filter(action="organization.host_verify").exists()

    def test_verification_by_file(
        self, organization, admin_user, no_network, monkeypatch
    ):
        _request(organization, "www.bandong.go.th", actor=admin_user)
        organization.refresh_from_db()
        token = organization.host_token

        def http_get(url, *, address):
            assert address == "203.0.113.7"  # the address resolved once
            no_network["http"].append(url)
            return token + "\n"

        monkeypatch.setattr(hosts, "http_get", http_get)
        method = services_hosts.organization_host_verify(
            actor=admin_user, organization=organization
        )
        assert method == "file"
        assert no_network["http"] == [
            "https://www.bandong.go.th/.well-known/prongsai-verify.txt"
        ]
        assert no_network["resolve"] == ["www.bandong.go.th"]
        organization.refresh_from_db()
        assert organization.host_name == "www.bandong.go.th"

    def test_file_is_not_fetched_from_a_private_address(
        self, organization, admin_user, no_network, monkeypatch
    ):
        """A host pointing at the platform's own network is never fetched."""
        monkeypatch.setattr(
            hosts.socket,
            "getaddrinfo",
            lambda host, port, proto=0: [(2, 1, 6, "", ("10.0.0.5", 0))],
        )
        monkeypatch.setattr(hosts, "public_address", REAL_ADDRESS_CHECK)
        assert hosts.file_values("www.bandong.go.th") == []
        assert no_network["http"] == []

    def test_wrong_token_fails_with_thai_steps_and_is_audited(
        self, organization, admin_user, no_network
    ):
        _request(organization, "www.bandong.go.th", actor=admin_user)
        organization.refresh_from_db()
        with pytest.raises(DomainError) as info:
            services_hosts.organization_host_verify(
                actor=admin_user, organization=organization
            )
        assert "_prongsai-verify.www.bandong.go.th" in info.value.message
        organization.refresh_from_db()
        assert organization.host_name == ""
        assert AuditEvent.objects.filter(
            action="organization.host_verify_failed"
        ).exists()

    def test_operator_approval(
        self, organization, admin_user, django_capture_on_commit_callbacks
    ):
        operator = UserFactory(is_superuser=True, email="operator@platform.example")
        _request(organization, "www.bandong.go.th", actor=admin_user)
        organization.refresh_from_db()
        with pytest.raises(DomainError):
            services_hosts.organization_host_approve(
                actor=admin_user, organization=organization
            )
        with django_capture_on_commit_callbacks(execute=True):
            services_hosts.organization_host_approve(
                actor=operator, organization=organization
            )
        organization.refresh_from_db()
        assert organization.host_verified_by == "operator"
        recipients = {address for m in mail.outbox for address in m.to}
        assert {"admin@bandong.example", "operator@platform.example"} <= recipients
        assert "www.bandong.go.th" in mail.outbox[0].subject

    def test_taken_between_request_and_verification(
        self, organization, other_organization, admin_user
    ):
        _request(organization, "www.bandong.go.th", actor=admin_user)
        organization.refresh_from_db()
        verified_host_name(other_organization, "www.bandong.go.th")
        operator = UserFactory(is_superuser=True)
        with pytest.raises(DomainError):
            services_hosts.organization_host_approve(
                actor=operator, organization=organization
            )

    def test_remove_stops_serving(
        self, organization, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            verified_host_name(organization, "www.bandong.go.th")
        assert organization_get_slug_for_host("www.bandong.go.th") == "bandong"
        with django_capture_on_commit_callbacks(execute=True):
            _request(organization, "")
        assert organization_get_slug_for_host("www.bandong.go.th") is None


class TestTokenMatching:
    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            (["abc123"], True),
            (["prongsai-verify=abc123"], True),
            (['"abc123"'], True),
            (["abc1234"], False),
            (["prongsai-verify="], False),
            ([], False),
        ],
    )
    def test_token_matches(self, values, expected):
        assert hosts.token_matches(values, "abc123") is expected

    def test_empty_token_never_matches(self):
        assert hosts.token_matches([""], "") is False


class TestViews:
    def test_settings_page_shows_pending_host_and_token(
        self, client, organization, admin_user
    ):
        client.force_login(admin_user)
        url = reverse(
            "organizations-staff:host-request", kwargs={"org": organization.slug}
        )
        response = client.post(url, {"host_name": "www.bandong.go.th"})
        assert response.status_code == 302
        organization.refresh_from_db()
        page = client.get(
            reverse("organizations-staff:settings", kwargs={"org": organization.slug})
        ).content.decode()
        assert organization.host_token in page
        assert "_prongsai-verify.www.bandong.go.th" in page
        assert "รอการยืนยัน" in page
        assert (
            reverse(
                "organizations-staff:host-verify", kwargs={"org": organization.slug}
            )
            in page
        )

    def test_platform_host_is_refused_on_the_page_in_thai(
        self, client, platform, organization, admin_user
    ):
        client.force_login(admin_user)
        response = client.post(
            reverse(
                "organizations-staff:host-request", kwargs={"org": organization.slug}
            ),
            {"host_name": "prongsai.example.go.th"},
        )
        assert response.status_code == 200
        assert "แพลตฟอร์ม" in response.content.decode()
        organization.refresh_from_db()
        assert organization.pending_host_name == ""

    def test_verify_now_button(
        self, client, organization, admin_user, monkeypatch, no_network
    ):
        _request(organization, "www.bandong.go.th", actor=admin_user)
        organization.refresh_from_db()
        token = organization.host_token
        monkeypatch.setattr(hosts, "http_get", lambda url, *, address: token)
        client.force_login(admin_user)
        response = client.post(
            reverse(
                "organizations-staff:host-verify", kwargs={"org": organization.slug}
            ),
            follow=True,
        )
        assert response.status_code == 200
        organization.refresh_from_db()
        assert organization.host_name == "www.bandong.go.th"

    def test_staff_without_admin_role_cannot_request(
        self, client, organization, staff_membership
    ):
        client.force_login(staff_membership.user)
        response = client.post(
            reverse(
                "organizations-staff:host-request", kwargs={"org": organization.slug}
            ),
            {"host_name": "www.bandong.go.th"},
        )
        assert response.status_code in (403, 404)
        organization.refresh_from_db()
        assert organization.pending_host_name == ""

    def test_unverified_host_does_not_route(self, client, organization, admin_user):
        _request(organization, "www.bandong.go.th", actor=admin_user)
        response = client.get("/", HTTP_HOST="www.bandong.go.th")
        assert "portal/directory.html" in [t.name for t in response.templates]


class TestPlatformAdmin:
    @pytest.fixture
    def operator(self):
        return UserFactory(
            is_superuser=True,
            is_staff=True,
            email="operator@platform.example",
            totp=True,
        )

    def test_operator_approves_with_the_list_action(
        self, client, operator, organization, admin_user
    ):
        _request(organization, "www.bandong.go.th", actor=admin_user)
        client.force_login(operator)
        url = reverse("admin:organizations_organization_changelist")
        response = client.post(
            url,
            {"action": "approve_pending_host", "_selected_action": [organization.pk]},
        )
        assert response.status_code == 302
        organization.refresh_from_db()
        assert organization.host_name == "www.bandong.go.th"
        assert organization.host_verified_by == "operator"

    def test_admin_form_refuses_a_platform_host(
        self, client, platform, operator, organization
    ):
        client.force_login(operator)
        url = reverse("admin:organizations_organization_change", args=[organization.pk])
        page = client.get(url)
        assert page.status_code == 200
        form = page.context["adminform"].form
        data = {
            name: form.initial.get(name) or ""
            for name in form.fields
            if form.initial.get(name) is not None
        }
        data.update(pending_host_name="prongsai.example.go.th", logo="")
        response = client.post(url, data)
        assert response.status_code == 200
        assert "แพลตฟอร์ม" in response.content.decode()
        organization.refresh_from_db()
        assert organization.pending_host_name == ""

    def test_only_superusers_edit_the_recipient_list(self, client, admin_user):
        from django.contrib import admin as django_admin

        from prongsai.complaints.admin import ExternalRecipientAdmin
        from prongsai.complaints.models import ExternalRecipient

        model_admin = ExternalRecipientAdmin(ExternalRecipient, django_admin.site)
        request = types.SimpleNamespace(user=admin_user)
        admin_user.is_staff = True
        assert model_admin.has_change_permission(request) is False
        assert model_admin.has_add_permission(request) is False
        request.user = UserFactory(is_superuser=True, is_staff=True)
        assert model_admin.has_change_permission(request) is True


def test_file_fetch_connects_to_the_resolved_address_not_a_new_lookup():
    """The fetch goes to the address checked before (no DNS rebinding)."""
    import http.server
    import threading

    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen["host"] = self.headers["Host"]
            seen["path"] = self.path
            body = b"token-123\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        url = f"http://name-that-does-not-resolve.invalid:{port}/.well-known/x.txt"
        assert hosts.http_get(url, address="127.0.0.1") == "token-123\n"
        assert seen == {
            "host": f"name-that-does-not-resolve.invalid:{port}",
            "path": "/.well-known/x.txt",
        }
    finally:
        server.shutdown()
