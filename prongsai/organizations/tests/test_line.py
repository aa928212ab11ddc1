"""LINE for members: pushes through the one client, notifications and linking."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations import channels, messaging, services, services_channels
from prongsai.organizations.models import LineLinkCode, Membership
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.organizations.tests.line_edge import (
    LineEdge,
    Push,
    configure_line,
    line_token,
)

pytestmark = pytest.mark.django_db

LINE_USER = "U1234567890abcdef1234567890abcdef"
OTHER_LINE_USER = "Ufedcba0987654321fedcba0987654321"


@pytest.fixture
def sender(monkeypatch, organization):
    return configure_line(monkeypatch, organization)


class TestLinePush:
    def test_not_configured_sends_nothing(self, monkeypatch, organization):
        edge = LineEdge()
        monkeypatch.setattr(channels, "_open", edge)
        assert messaging.line_push(organization, LINE_USER, "ทดสอบ") is False
        assert edge.pushes == []

    def test_no_sender_registry_any_more(self):
        assert not hasattr(messaging, "register_line_sender")
        assert not hasattr(messaging, "_line_sender")

    def test_pushes_with_the_organisations_token(self, sender, organization):
        assert messaging.line_push(organization, LINE_USER, "ทดสอบ", retry_key="k")
        assert sender.pushes == [
            Push(
                token=line_token(organization),
                to=LINE_USER,
                text="ทดสอบ",
                retry_key="k",
            )
        ]

    def test_each_organisation_uses_its_own_channel(
        self, monkeypatch, organization, other_organization
    ):
        edge = configure_line(monkeypatch, organization, other_organization)
        messaging.line_push(other_organization, LINE_USER, "x")
        assert [p.token for p in edge.pushes] == [line_token(other_organization)]

    def test_empty_user_id_sends_nothing(self, sender, organization):
        assert messaging.line_push(organization, "", "ทดสอบ") is False
        assert sender.pushes == []

    def test_refusal_raises_and_a_retried_push_is_done(self, sender, organization):
        sender.status = 500
        with pytest.raises(messaging.LinePushError) as info:
            messaging.line_push(organization, LINE_USER, "x")
        assert info.value.status == 500
        sender.status = 409  # LINE: this retry key was accepted before
        assert messaging.line_push(organization, LINE_USER, "x", retry_key="k")

    def test_retry_key_is_a_stable_uuid(self):
        key = messaging.retry_key_for("plans", 1, "due_soon")
        assert key == messaging.retry_key_for("plans", 1, "due_soon")
        assert key != messaging.retry_key_for("plans", 2, "due_soon")
        assert len(key) == 36


class TestMemberNotify:
    def test_email_only_when_not_linked(self, sender, staff_membership):
        notified = messaging.member_notify(
            staff_membership, subject="เรื่อง", body="เนื้อความ"
        )
        assert notified == messaging.Notified(email=True, line=False)
        assert mail.outbox[-1].to == [staff_membership.user.email]
        assert sender.pushes == []

    def test_email_and_line_when_linked(self, sender, staff_membership):
        staff_membership.line_user_id = LINE_USER
        staff_membership.save()
        notified = messaging.member_notify(
            staff_membership,
            subject="เรื่อง",
            body="เนื้อความ",
            line_text="สั้น",
            retry_key="r",
        )
        assert notified == messaging.Notified(email=True, line=True)
        [push] = sender.pushes
        assert (push.to, push.text, push.retry_key) == (LINE_USER, "สั้น", "r")

    def test_line_failure_keeps_the_email(self, sender, staff_membership):
        sender.status = 500
        staff_membership.line_user_id = LINE_USER
        staff_membership.save()
        notified = messaging.member_notify(staff_membership, subject="s", body="b")
        assert notified == messaging.Notified(email=True, line=False)
        assert len(mail.outbox) == 1

    def test_ended_membership_gets_nothing(self, sender, staff_membership):
        staff_membership.line_user_id = LINE_USER
        staff_membership.is_active = False
        staff_membership.save()
        notified = messaging.member_notify(staff_membership, subject="s", body="b")
        assert notified == messaging.Notified()
        assert mail.outbox == [] and sender.pushes == []


class TestParseLinkMessage:
    @pytest.mark.parametrize(
        "text,code",
        [
            ("เชื่อม 123456", "123456"),
            ("  เชื่อม123456 ", "123456"),
            ("เชื่อมต่อ 123 456", "123456"),
            ("LINK 004200", "004200"),
            ("เชื่อม ๑๒๓๔๕๖", "123456"),
            ("เชื่อม: 654321", "654321"),
        ],
    )
    def test_recognised(self, text, code):
        assert messaging.parse_link_message(text) == code

    @pytest.mark.parametrize(
        "text",
        ["123456", "0812345678", "เชื่อม 12345", "เชื่อม 1234567", "ไฟดับ 123456", ""],
    )
    def test_not_a_link_message(self, text):
        assert messaging.parse_link_message(text) is None


class TestLinkCodes:
    def _issue(self, membership):
        return services_channels.membership_line_code_issue(
            actor=membership.user, membership=membership
        )

    def test_code_is_stored_hashed_and_links_once(self, organization, staff_membership):
        code, expires_at = self._issue(staff_membership)
        assert len(code) == 6 and code.isdigit()
        row = LineLinkCode.objects.get()
        assert code not in row.code_hash
        assert expires_at - timezone.now() <= timedelta(minutes=15)
        result = services_channels.membership_line_link(
            organization=organization, code=code, line_user_id=LINE_USER
        )
        assert result.outcome == services_channels.LINE_LINK_LINKED
        assert result.membership == staff_membership
        staff_membership.refresh_from_db()
        assert staff_membership.line_user_id == LINE_USER
        assert staff_membership.line_linked_at is not None
        again = services_channels.membership_line_link(
            organization=organization, code=code, line_user_id=OTHER_LINE_USER
        )
        assert again.outcome == services_channels.LINE_LINK_USED
        staff_membership.refresh_from_db()
        assert staff_membership.line_user_id == LINE_USER

    def test_expired_code(self, organization, staff_membership, time_machine):
        time_machine.move_to(timezone.now(), tick=False)
        code, _expires = self._issue(staff_membership)
        time_machine.shift(timedelta(minutes=16))
        result = services_channels.membership_line_link(
            organization=organization, code=code, line_user_id=LINE_USER
        )
        assert result.outcome == services_channels.LINE_LINK_EXPIRED
        assert Membership.objects.get(pk=staff_membership.pk).line_user_id == ""

    def test_wrong_code(self, organization, staff_membership):
        code, _expires = self._issue(staff_membership)
        wrong = f"{(int(code) + 1) % 1000000:06d}"
        result = services_channels.membership_line_link(
            organization=organization, code=wrong, line_user_id=LINE_USER
        )
        assert result.outcome == services_channels.LINE_LINK_INVALID

    def test_other_organizations_code_does_not_link(
        self, organization, other_organization
    ):
        outsider = MembershipFactory(organization=other_organization)
        code, _expires = self._issue(outsider)
        result = services_channels.membership_line_link(
            organization=organization, code=code, line_user_id=LINE_USER
        )
        assert result.outcome == services_channels.LINE_LINK_INVALID
        outsider.refresh_from_db()
        assert outsider.line_user_id == ""
        assert (
            _outcome(other_organization, code, LINE_USER)
            == services_channels.LINE_LINK_LINKED
        )

    def test_new_code_replaces_the_old_one(self, organization, staff_membership):
        first, _expires = self._issue(staff_membership)
        second, _expires = self._issue(staff_membership)
        if first != second:
            assert (
                _outcome(organization, first, LINE_USER)
                == services_channels.LINE_LINK_EXPIRED
            )
        assert (
            _outcome(organization, second, LINE_USER)
            == services_channels.LINE_LINK_LINKED
        )

    def test_codes_per_hour_are_limited(self, staff_membership):
        for _n in range(services_channels.LINE_CODES_PER_HOUR):
            self._issue(staff_membership)
        with pytest.raises(DomainError):
            self._issue(staff_membership)

    def test_wrong_codes_lock_out_the_line_account(
        self, organization, staff_membership
    ):
        code, _expires = self._issue(staff_membership)
        wrong = f"{(int(code) + 1) % 1000000:06d}"
        for _n in range(services_channels.LINE_LINK_FAILURES_PER_USER):
            services_channels.membership_line_link(
                organization=organization, code=wrong, line_user_id=LINE_USER
            )
        result = services_channels.membership_line_link(
            organization=organization, code=code, line_user_id=LINE_USER
        )
        assert result.outcome == services_channels.LINE_LINK_LIMITED
        # Another LINE account is not locked out by this one's guesses.
        assert (
            _outcome(organization, code, OTHER_LINE_USER)
            == services_channels.LINE_LINK_LINKED
        )

    def test_ended_membership_cannot_ask_or_link(self, organization, staff_membership):
        code, _expires = self._issue(staff_membership)
        staff_membership.is_active = False
        staff_membership.save()
        assert (
            _outcome(organization, code, LINE_USER)
            == services_channels.LINE_LINK_INVALID
        )
        with pytest.raises(DomainError):
            self._issue(staff_membership)

    def test_line_account_moves_from_another_member(
        self, organization, staff_membership, admin_membership
    ):
        admin_membership.line_user_id = LINE_USER
        admin_membership.save()
        code, _expires = self._issue(staff_membership)
        services_channels.membership_line_link(
            organization=organization, code=code, line_user_id=LINE_USER
        )
        admin_membership.refresh_from_db()
        staff_membership.refresh_from_db()
        assert admin_membership.line_user_id == ""
        assert staff_membership.line_user_id == LINE_USER

    def test_unlink_and_audit_without_user_ids(self, organization, staff_membership):
        code, _expires = self._issue(staff_membership)
        services_channels.membership_line_link(
            organization=organization, code=code, line_user_id=LINE_USER
        )
        services_channels.membership_line_unlink(
            actor=staff_membership.user, membership=staff_membership
        )
        staff_membership.refresh_from_db()
        assert staff_membership.line_user_id == ""
        assert staff_membership.line_linked_at is None
        actions = list(
            AuditEvent.objects.filter(organization=organization)
            .order_by("pk")
            .values_list("action", flat=True)
        )
        assert actions[-3:] == [
            "membership.line_code",
            "membership.line_link",
            "membership.line_unlink",
        ]
        for event in AuditEvent.objects.all():
            assert LINE_USER not in str(event.changes)
            assert code not in str(event.changes)
        with pytest.raises(DomainError):
            services_channels.membership_line_unlink(
                actor=staff_membership.user, membership=staff_membership
            )


class TestMyLineView:
    def url(self, organization):
        return reverse("organizations-staff:my-line", kwargs={"org": organization.slug})

    def test_member_gets_a_code_with_thai_instructions(
        self, client, organization, staff_membership
    ):
        client.force_login(staff_membership.user)
        response = client.post(
            self.url(organization), {"action": "code"}, HTTP_ACCEPT_LANGUAGE="th"
        )
        assert response.status_code == 200
        code = response.context["code"]
        page = response.content.decode()
        assert f"เชื่อม {code}" in page
        assert LineLinkCode.objects.filter(membership=staff_membership).count() == 1

    def test_unlink_button(self, client, organization, staff_membership):
        staff_membership.line_user_id = LINE_USER
        staff_membership.line_linked_at = timezone.now()
        staff_membership.save()
        client.force_login(staff_membership.user)
        page = client.get(self.url(organization)).content.decode()
        assert 'value="unlink"' in page
        assert LINE_USER not in page
        response = client.post(self.url(organization), {"action": "unlink"})
        assert response.status_code == 302
        staff_membership.refresh_from_db()
        assert staff_membership.line_user_id == ""

    def test_non_member_gets_404(self, client, other_organization, staff_membership):
        client.force_login(staff_membership.user)
        assert client.get(self.url(other_organization)).status_code == 404
        assert (
            client.post(self.url(other_organization), {"action": "code"}).status_code
            == 404
        )


def test_removing_a_member_forgets_their_line_link(
    organization, admin_membership, staff_membership
):
    staff_membership.line_user_id = LINE_USER
    staff_membership.line_linked_at = timezone.now()
    staff_membership.save()
    services.membership_deactivate(
        actor=admin_membership.user, membership=staff_membership
    )
    staff_membership.refresh_from_db()
    assert staff_membership.line_user_id == ""
    assert staff_membership.line_linked_at is None


def test_member_list_shows_who_linked_line(
    client, organization, admin_membership, staff_membership
):
    staff_membership.line_user_id = LINE_USER
    staff_membership.save()
    client.force_login(admin_membership.user)
    page = client.get(
        reverse("organizations-staff:member-list", kwargs={"org": organization.slug})
    ).content.decode()
    assert page.count("badge text-bg-success") == 1
    assert LINE_USER not in page


def _outcome(organization, code, line_user_id):
    """How linking ``line_user_id`` with ``code`` turned out."""
    return services_channels.membership_line_link(
        organization=organization, code=code, line_user_id=line_user_id
    ).outcome
