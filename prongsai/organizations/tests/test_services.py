"""Organisation, membership and invitation services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from prongsai.accounts.models import User
from prongsai.accounts.tests.factories import TEST_PASSWORD, UserFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations import services, services_hosts
from prongsai.organizations.models import Invitation, Membership, Organization
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import (
    access_invitation_by_token,
    invitation_token,
    membership_list_with_role,
    organization_get_slug_for_host,
)
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    invite,
    verified_host_name,
)

pytestmark = pytest.mark.django_db


class TestOrganization:
    def test_create_validates_and_audits(self):
        actor = UserFactory()
        organization = services.organization_create(
            actor=actor,
            kind=Organization.Kind.PAO,
            name="องค์การบริหารส่วนจังหวัดทดสอบ",
            dla_code="1234567",
            slug="pao-test",
            province="ขอนแก่น",
            district="เมืองขอนแก่น",
        )
        event = AuditEvent.objects.get(action="organization.create")
        assert event.organization == organization
        assert event.actor == actor
        assert event.changes["slug"] == "pao-test"

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("slug", "staff"),
            ("slug", "accounts"),
            ("dla_code", "12ab"),
            ("postcode", "123"),
        ],
    )
    def test_create_rejects_bad_values(self, field, value):
        data = {
            "kind": Organization.Kind.SAO,
            "name": "อบต.ทดสอบ",
            "dla_code": "7654321",
            "slug": "test-org",
            "province": "ขอนแก่น",
            "district": "เมือง",
            field: value,
        }
        with pytest.raises(ValidationError) as info:
            services.organization_create(actor=None, **data)
        assert field in info.value.error_dict
        assert not Organization.objects.filter(dla_code="7654321").exists()

    def test_update_records_old_and_new_values(self, organization, admin_user):
        services.organization_update(
            actor=admin_user,
            organization=organization,
            data={"phone": "043-111-222", "office_hours": "08:30-16:30"},
        )
        event = AuditEvent.objects.get(action="organization.update")
        assert event.changes["phone"] == {"old": "", "new": "043-111-222"}
        assert event.actor_name == admin_user.display_name

    def test_update_without_change_writes_no_event(self, organization, admin_user):
        services.organization_update(
            actor=admin_user,
            organization=organization,
            data={"name": organization.name},
        )
        assert not AuditEvent.objects.filter(action="organization.update").exists()

    def test_duplicate_host_name_is_rejected(self, organization, other_organization):
        verified_host_name(organization, "www.bandong.go.th")
        with pytest.raises(ValidationError) as info:
            services_hosts.organization_host_request(
                actor=None,
                organization=other_organization,
                host_name="WWW.BANDONG.GO.TH",
            )
        assert "ใช้อยู่แล้ว" in str(info.value.message_dict["host_name"])

    def test_host_name_is_unique_in_the_database_whatever_the_case(
        self, organization, other_organization
    ):
        """The constraint itself compares host names case-insensitively."""
        from django.db import IntegrityError, transaction

        Organization.objects.filter(pk=organization.pk).update(
            host_name="www.bandong.go.th"
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            Organization.objects.filter(pk=other_organization.pk).update(
                host_name="WWW.Bandong.go.th"
            )

    def test_organization_update_cannot_set_the_host_name(self, organization):
        services.organization_update(
            actor=None, organization=organization, data={"host_name": "evil.example"}
        )
        organization.refresh_from_db()
        assert organization.host_name == ""

    def test_host_lookup_follows_updates(
        self, organization, django_capture_on_commit_callbacks
    ):
        assert organization_get_slug_for_host("www.bandong.go.th") is None
        with django_capture_on_commit_callbacks(execute=True):
            verified_host_name(organization, "www.bandong.go.th")
        assert organization_get_slug_for_host("www.bandong.go.th:443") == "bandong"

    def test_inactive_or_dissolved_organizations_are_not_public(self):
        OrganizationFactory(
            slug="gone",
            valid_from=timezone.localdate() - timedelta(days=10),
            valid_to=timezone.localdate() - timedelta(days=1),
        )
        OrganizationFactory(slug="off", is_active=False)
        assert (
            set(Organization.objects.active().values_list("slug", flat=True)) == set()
        )


class TestInvitation:
    def test_create_sends_thai_email_after_commit(
        self, organization, admin_user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invite(admin_user, organization)
            assert mail.outbox == []
        assert invitation.email == "new.person@example.org"
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["new.person@example.org"]
        assert organization.name in message.subject
        assert "ผู้ดูแลข้อมูลและเว็บไซต์" in message.body
        assert "/invitations/" in message.body
        invitation.refresh_from_db()
        assert invitation.sent_at is not None
        assert AuditEvent.objects.filter(action="invitation.create").count() == 1

    def test_email_link_accepts_the_invitation(
        self, organization, admin_user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invite(admin_user, organization)
        link = next(
            line for line in mail.outbox[0].body.splitlines() if "/invitations/" in line
        )
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert access_invitation_by_token(token=token) == invitation

    def test_unknown_role_is_refused(self, organization, admin_user):
        with pytest.raises(DomainError) as info:
            invite(admin_user, organization, roles=["mayor"])
        assert info.value.field == "roles"
        assert not Invitation.objects.exists()

    def test_no_roles_is_refused(self, organization, admin_user):
        with pytest.raises(DomainError):
            invite(admin_user, organization, roles=[])

    def test_existing_member_cannot_be_invited_again(
        self, organization, admin_user, staff_membership
    ):
        with pytest.raises(DomainError) as info:
            invite(admin_user, organization, email=staff_membership.user.email.upper())
        assert info.value.field == "email"

    def test_second_pending_invitation_is_refused(self, organization, admin_user):
        invite(admin_user, organization)
        with pytest.raises(DomainError):
            invite(admin_user, organization)

    def test_expired_invitation_is_replaced(self, organization, admin_user):
        first = invite(admin_user, organization)
        Invitation.objects.filter(pk=first.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        second = invite(admin_user, organization)
        first.refresh_from_db()
        assert first.revoked_at is not None
        assert second.is_pending

    def test_same_email_may_be_invited_by_two_organizations(
        self, organization, other_organization, admin_user
    ):
        invite(admin_user, organization)
        invite(admin_user, other_organization)
        assert Invitation.objects.count() == 2

    def test_accept_creates_account_and_membership(self, organization, admin_user):
        invitation = invite(admin_user, organization)
        membership = services.invitation_accept(
            invitation=invitation,
            user=None,
            full_name="มานี มีนา",
            title="นางสาว",
            phone="081-234-5678",
            password=TEST_PASSWORD,
        )
        user = User.objects.get(email="new.person@example.org")
        assert membership.user == user
        assert user.check_password(TEST_PASSWORD)
        assert membership.roles == [Role.DATA_OFFICER, Role.STAFF]
        assert membership.position == "นักประชาสัมพันธ์"
        invitation.refresh_from_db()
        assert invitation.accepted_by == user
        assert not invitation.is_pending
        actions = set(AuditEvent.objects.values_list("action", flat=True))
        assert {"user.create", "membership.create", "invitation.accept"} <= actions

    def test_accept_with_weak_password_leaves_nothing(self, organization, admin_user):
        invitation = invite(admin_user, organization)
        with pytest.raises(ValidationError):
            services.invitation_accept(
                invitation=invitation, user=None, full_name="มานี", password="12345"
            )
        assert not User.objects.filter(email="new.person@example.org").exists()
        invitation.refresh_from_db()
        assert invitation.is_pending

    def test_existing_account_must_be_signed_in(self, organization, admin_user):
        person = UserFactory(email="new.person@example.org")
        invitation = invite(admin_user, organization)
        with pytest.raises(DomainError):
            services.invitation_accept(invitation=invitation, user=None)
        with pytest.raises(DomainError):
            services.invitation_accept(invitation=invitation, user=admin_user)
        membership = services.invitation_accept(invitation=invitation, user=person)
        assert membership.user == person

    def test_accept_merges_roles_of_an_existing_member(self, organization, admin_user):
        person = UserFactory(email="new.person@example.org")
        invitation = invite(admin_user, organization)
        existing = MembershipFactory(
            organization=organization, user=person, roles=[Role.EXECUTIVE]
        )
        services.invitation_accept(invitation=invitation, user=person)
        existing.refresh_from_db()
        assert existing.roles == [Role.EXECUTIVE, Role.DATA_OFFICER, Role.STAFF]

    def test_revoked_invitation_token_is_404(self, organization, admin_user):
        invitation = invite(admin_user, organization)
        token = invitation_token(invitation)
        services.invitation_revoke(actor=admin_user, invitation=invitation)
        with pytest.raises(Http404):
            access_invitation_by_token(token=token)
        with pytest.raises(DomainError):
            services.invitation_accept(invitation=invitation, user=None, password="x")

    def test_resend_voids_the_old_link(self, organization, admin_user):
        invitation = invite(admin_user, organization)
        old_token = invitation_token(invitation)
        services.invitation_resend(actor=admin_user, invitation=invitation)
        with pytest.raises(Http404):
            access_invitation_by_token(token=old_token)
        assert (
            access_invitation_by_token(token=invitation_token(invitation)) == invitation
        )

    @pytest.mark.parametrize("token", ["", "garbage", "a:b:c"])
    def test_forged_token_is_404(self, token):
        with pytest.raises(Http404):
            access_invitation_by_token(token=token)

    def test_expired_token_is_404(self, organization, admin_user):
        invitation = invite(admin_user, organization)
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        with pytest.raises(Http404):
            access_invitation_by_token(token=invitation_token(invitation))


class TestMembership:
    def test_update_roles_is_audited(self, organization, admin_user, staff_membership):
        services.membership_update(
            actor=admin_user,
            membership=staff_membership,
            roles=[Role.COMPLAINT_OFFICER, Role.STAFF],
            position="นิติกร",
            unit="",
        )
        event = AuditEvent.objects.get(action="membership.update")
        assert event.changes["roles"] == {
            "old": ["staff"],
            "new": ["complaint_officer", "staff"],
        }
        assert event.organization == organization

    def test_last_admin_cannot_drop_the_admin_role(self, admin_membership, admin_user):
        with pytest.raises(DomainError):
            services.membership_update(
                actor=admin_user,
                membership=admin_membership,
                roles=[Role.STAFF],
                position="",
                unit="",
            )
        with pytest.raises(DomainError):
            services.membership_deactivate(
                actor=admin_user, membership=admin_membership
            )

    def test_admin_can_step_down_when_another_admin_exists(
        self, organization, admin_membership, admin_user
    ):
        MembershipFactory(organization=organization, roles=[Role.ORG_ADMIN])
        services.membership_update(
            actor=admin_user,
            membership=admin_membership,
            roles=[Role.STAFF],
            position="",
            unit="",
        )
        assert admin_membership.roles == [Role.STAFF]

    def test_admins_of_another_organization_do_not_count(
        self, other_organization, admin_membership, admin_user
    ):
        MembershipFactory(organization=other_organization, roles=[Role.ORG_ADMIN])
        with pytest.raises(DomainError):
            services.membership_deactivate(
                actor=admin_user, membership=admin_membership
            )

    def test_deactivate_removes_access_and_can_be_undone_by_invitation(
        self, organization, admin_user, staff_membership
    ):
        services.membership_deactivate(actor=admin_user, membership=staff_membership)
        assert not Membership.objects.active().filter(pk=staff_membership.pk).exists()
        with pytest.raises(DomainError):
            services.membership_deactivate(
                actor=admin_user, membership=staff_membership
            )
        invitation = invite(admin_user, organization, email=staff_membership.user.email)
        membership = services.invitation_accept(
            invitation=invitation, user=staff_membership.user
        )
        assert membership.pk == staff_membership.pk
        assert membership.is_active

    def test_members_with_role(self, organization, admin_membership, staff_membership):
        assert membership_list_with_role(
            organization=organization, role=Role.ORG_ADMIN
        ) == [admin_membership]
