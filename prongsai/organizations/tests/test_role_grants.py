"""The two-person rule for roles that read confidential reports (issue #17)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.notifications.models import Notification
from prongsai.organizations import services, services_role_grants, tasks
from prongsai.organizations.models import RoleGrant
from prongsai.organizations.permissions import (
    can_read_confidential,
    personal_data_access,
)
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors_role_grants import confidential_readers
from prongsai.organizations.tests.factories import MembershipFactory, invite

pytestmark = pytest.mark.django_db

OFFICER = Role.INTEGRITY_OFFICER.value


@pytest.fixture
def mayor(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="ประเสริฐ ศรีสุข", totp=True),
        roles=[Role.EXECUTIVE.value],
    )


@pytest.fixture
def palad(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วิไลวรรณ ทองคำ", totp=True),
        roles=[Role.EXECUTIVE.value, Role.ORG_ADMIN.value],
    )


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วีระพงษ์ สุจริต", totp=True),
        roles=[OFFICER],
    )


def _ask(admin_user, membership, roles=(OFFICER, Role.STAFF.value)):
    return services.membership_update(
        actor=admin_user,
        membership=membership,
        roles=list(roles),
        position=membership.position,
        unit=membership.unit,
    )


def _grant(membership) -> RoleGrant:
    return RoleGrant.objects.get(
        organization=membership.organization, membership=membership
    )


class TestRequest:
    def test_admin_ticking_the_role_for_themselves_gets_a_pending_grant(
        self, admin_membership, admin_user
    ):
        _ask(admin_user, admin_membership, roles=[Role.ORG_ADMIN.value, OFFICER])
        admin_membership.refresh_from_db()
        assert admin_membership.roles == [Role.ORG_ADMIN.value]
        assert not can_read_confidential(admin_membership)
        assert personal_data_access(admin_user, admin_membership) == (True, None)
        grant = _grant(admin_membership)
        assert grant.is_pending and grant.requested_by == admin_user
        assert grant.activates_at - grant.requested_at == timedelta(hours=24)
        assert AuditEvent.objects.filter(action="role_grant.request").count() == 1

    def test_other_roles_take_effect_at_once(self, admin_user, staff_membership):
        _ask(admin_user, staff_membership, roles=[OFFICER, Role.DATA_OFFICER.value])
        staff_membership.refresh_from_db()
        assert staff_membership.roles == [Role.DATA_OFFICER.value]
        assert _grant(staff_membership).role == OFFICER

    def test_asking_twice_keeps_one_grant(self, admin_user, staff_membership):
        _ask(admin_user, staff_membership)
        _ask(admin_user, staff_membership)
        assert (
            RoleGrant.objects.filter(organization=staff_membership.organization).count()
            == 1
        )

    def test_membership_create_with_only_the_role(self, organization, admin_user):
        person = UserFactory()
        membership = services.membership_create(
            actor=admin_user, organization=organization, user=person, roles=[OFFICER]
        )
        assert membership.roles == [Role.STAFF.value]
        assert _grant(membership).is_pending

    def test_superuser_follows_the_same_rule(self, organization, staff_membership):
        operator = UserFactory(is_superuser=True, is_staff=True)
        _ask(operator, staff_membership)
        staff_membership.refresh_from_db()
        assert OFFICER not in staff_membership.roles
        grant = _grant(staff_membership)
        assert grant.requested_by == operator
        # a superuser without the executive role cannot confirm either
        assert not services_role_grants.can_confirm_grant(operator, grant)
        with pytest.raises(DomainError):
            services_role_grants.role_grant_confirm(actor=operator, grant=grant)

    def test_every_officer_and_executive_is_told(
        self,
        admin_user,
        staff_membership,
        mayor,
        officer,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _ask(admin_user, staff_membership)
        told = Notification.objects.filter(
            organization=staff_membership.organization, kind="organizations/role_grant"
        )
        assert {n.user for n in told} == {mayor.user, officer.user}
        note = told.first()
        assert staff_membership.user.display_name in note.body
        assert str(timezone.now().year + 543) in note.body
        assert "/staff/members/confidential-access/" in note.url

    def test_an_invitation_makes_the_grant_on_acceptance(
        self, organization, admin_user, mayor
    ):
        invitation = invite(admin_user, organization, roles=[OFFICER, Role.STAFF])
        membership = services.invitation_accept(
            invitation=invitation,
            user=None,
            full_name="มานี มีนา",
            password="a-long-Passw0rd-for-tests",
        )
        assert membership.roles == [Role.STAFF.value]
        grant = _grant(membership)
        assert grant.requested_by == admin_user  # the inviter, not the invitee
        assert grant.invitation == invitation
        assert not services_role_grants.can_confirm_grant(membership.user, grant)
        services_role_grants.role_grant_confirm(actor=mayor.user, grant=grant)
        membership.refresh_from_db()
        assert can_read_confidential(membership)


class TestConfirm:
    def test_an_executive_confirms(self, admin_user, staff_membership, mayor):
        _ask(admin_user, staff_membership)
        grant = services_role_grants.role_grant_confirm(
            actor=mayor.user, grant=_grant(staff_membership)
        )
        staff_membership.refresh_from_db()
        assert OFFICER in staff_membership.roles
        assert grant.confirmed_by == mayor.user and grant.activated_at
        assert AuditEvent.objects.filter(action="role_grant.confirm").exists()
        readers = confidential_readers(organization=staff_membership.organization)
        assert [r.membership for r in readers] == [staff_membership]
        assert readers[0].since == grant.activated_at
        assert readers[0].confirmed_by == mayor.user.display_name

    def test_the_requester_cannot_confirm(self, palad, staff_membership):
        _ask(palad.user, staff_membership)
        with pytest.raises(DomainError):
            services_role_grants.role_grant_confirm(
                actor=palad.user, grant=_grant(staff_membership)
            )

    def test_the_grantee_cannot_confirm(self, admin_user, mayor):
        _ask(admin_user, mayor, roles=[Role.EXECUTIVE.value, OFFICER])
        with pytest.raises(DomainError):
            services_role_grants.role_grant_confirm(
                actor=mayor.user, grant=_grant(mayor)
            )
        mayor.refresh_from_db()
        assert OFFICER not in mayor.roles

    def test_a_non_executive_cannot_confirm(
        self, admin_user, staff_membership, officer
    ):
        _ask(admin_user, staff_membership)
        with pytest.raises(DomainError):
            services_role_grants.role_grant_confirm(
                actor=officer.user, grant=_grant(staff_membership)
            )

    def test_an_executive_of_another_organisation_cannot_confirm(
        self, admin_user, staff_membership, other_organization
    ):
        stranger = MembershipFactory(
            organization=other_organization, roles=[Role.EXECUTIVE.value]
        )
        _ask(admin_user, staff_membership)
        with pytest.raises(DomainError):
            services_role_grants.role_grant_confirm(
                actor=stranger.user, grant=_grant(staff_membership)
            )

    def test_cancelled_grant_cannot_be_confirmed(
        self, admin_user, staff_membership, mayor, officer
    ):
        _ask(admin_user, staff_membership)
        grant = services_role_grants.role_grant_cancel(
            actor=officer.user, grant=_grant(staff_membership)
        )
        assert grant.cancelled_by == officer.user
        with pytest.raises(DomainError):
            services_role_grants.role_grant_confirm(actor=mayor.user, grant=grant)
        assert AuditEvent.objects.filter(action="role_grant.cancel").exists()

    def test_plain_staff_cannot_cancel(
        self, admin_user, staff_membership, organization
    ):
        other = MembershipFactory(organization=organization, roles=[Role.STAFF.value])
        _ask(admin_user, staff_membership)
        with pytest.raises(DomainError):
            services_role_grants.role_grant_cancel(
                actor=other.user, grant=_grant(staff_membership)
            )


class TestWaiting:
    def test_the_beat_task_activates_after_24_hours(self, admin_user, staff_membership):
        _ask(admin_user, staff_membership)
        assert tasks.role_grants_activate() == 0
        grant = _grant(staff_membership)
        RoleGrant.objects.filter(organization=grant.organization, pk=grant.pk).update(
            activates_at=timezone.now() - timedelta(seconds=1)
        )
        assert tasks.role_grants_activate() == 1
        staff_membership.refresh_from_db()
        assert OFFICER in staff_membership.roles
        grant.refresh_from_db()
        assert grant.activated_at and grant.confirmed_by is None
        event = AuditEvent.objects.get(action="role_grant.activate")
        assert event.actor is None

    def test_access_checks_activate_lazily(self, admin_user, staff_membership):
        _ask(admin_user, staff_membership)
        assert not can_read_confidential(staff_membership)
        grant = _grant(staff_membership)
        RoleGrant.objects.filter(organization=grant.organization, pk=grant.pk).update(
            activates_at=timezone.now() - timedelta(seconds=1)
        )
        assert can_read_confidential(staff_membership)

    def test_an_ended_membership_never_gets_the_role(
        self, admin_user, staff_membership
    ):
        _ask(admin_user, staff_membership)
        services.membership_deactivate(actor=admin_user, membership=staff_membership)
        grant = _grant(staff_membership)
        assert grant.cancelled_at is not None
        assert (
            services_role_grants.role_grants_activate_due(
                now=timezone.now() + timedelta(days=2)
            )
            == 0
        )


class TestRemoval:
    def test_removing_the_role_is_immediate_and_ends_the_grant(
        self, admin_user, staff_membership, mayor
    ):
        _ask(admin_user, staff_membership)
        services_role_grants.role_grant_confirm(
            actor=mayor.user, grant=_grant(staff_membership)
        )
        _ask(admin_user, staff_membership, roles=[Role.STAFF.value])
        staff_membership.refresh_from_db()
        assert OFFICER not in staff_membership.roles
        assert not can_read_confidential(staff_membership)
        assert _grant(staff_membership).ended_at is not None
        assert confidential_readers(organization=staff_membership.organization) == []
        assert AuditEvent.objects.filter(action="role_grant.end").exists()

    def test_keeping_the_role_needs_no_new_grant(
        self, admin_user, officer, organization
    ):
        _ask(admin_user, officer, roles=[OFFICER, Role.STAFF.value])
        officer.refresh_from_db()
        assert officer.roles == [Role.INTEGRITY_OFFICER.value, Role.STAFF.value]
        assert not RoleGrant.objects.filter(organization=organization).exists()


class TestViews:
    def test_members_page_lists_readers_and_pending_grants(
        self, client, admin_user, officer, staff_membership
    ):
        _ask(admin_user, staff_membership)
        client.force_login(admin_user)
        page = client.get(
            reverse("organizations-staff:member-list", kwargs={"org": "bandong"}),
            HTTP_ACCEPT_LANGUAGE="th",
        ).content.decode()
        assert 'id="confidential-reader-table"' in page
        assert officer.user.display_name in page
        assert 'id="pending-grant-table"' in page
        assert "role-grant-cancel" not in page  # the url name is not printed
        assert f"/grants/{_grant(staff_membership).pk}/cancel/" in page
        # the admin asked: no confirm button for them
        assert f"/grants/{_grant(staff_membership).pk}/confirm/" not in page

    def test_executive_confirms_from_the_access_page(
        self, client, admin_user, staff_membership, mayor
    ):
        _ask(admin_user, staff_membership)
        grant = _grant(staff_membership)
        client.force_login(mayor.user)
        url = reverse(
            "organizations-staff:confidential-access", kwargs={"org": "bandong"}
        )
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
        assert f"/grants/{grant.pk}/confirm/" in page
        response = client.post(
            reverse(
                "organizations-staff:role-grant-confirm",
                kwargs={"org": "bandong", "pk": grant.pk},
            )
        )
        assert response.status_code == 302 and response.url == url
        staff_membership.refresh_from_db()
        assert OFFICER in staff_membership.roles

    def test_requester_posting_confirm_gets_a_thai_message_not_a_500(
        self, client, palad, staff_membership
    ):
        _ask(palad.user, staff_membership)
        grant = _grant(staff_membership)
        client.force_login(palad.user)
        response = client.post(
            reverse(
                "organizations-staff:role-grant-confirm",
                kwargs={"org": "bandong", "pk": grant.pk},
            ),
            follow=True,
            HTTP_ACCEPT_LANGUAGE="th",
        )
        assert response.status_code == 200
        staff_membership.refresh_from_db()
        assert OFFICER not in staff_membership.roles

    def test_plain_staff_cannot_open_the_access_page(self, client, staff_membership):
        client.force_login(staff_membership.user)
        response = client.get(
            reverse(
                "organizations-staff:confidential-access", kwargs={"org": "bandong"}
            )
        )
        assert response.status_code == 403

    def test_another_organisations_grant_is_404(
        self, client, mayor, other_organization
    ):
        elsewhere = MembershipFactory(organization=other_organization)
        grant = services_role_grants.role_grant_request(
            actor=None, membership=elsewhere, role=OFFICER
        )
        client.force_login(mayor.user)
        response = client.post(
            reverse(
                "organizations-staff:role-grant-confirm",
                kwargs={"org": "bandong", "pk": grant.pk},
            )
        )
        assert response.status_code == 404

    def test_platform_operator_sees_grants_across_organisations(
        self, client, admin_user, staff_membership, other_organization
    ):
        _ask(admin_user, staff_membership)
        elsewhere = MembershipFactory(organization=other_organization)
        services_role_grants.role_grant_request(
            actor=None, membership=elsewhere, role=OFFICER
        )
        operator = UserFactory(is_superuser=True, is_staff=True, totp=True)
        client.force_login(operator)
        response = client.get(reverse("admin:organizations_rolegrant_changelist"))
        assert response.status_code == 200
        page = response.content.decode()
        assert staff_membership.user.display_name in page
        assert elsewhere.user.display_name in page


# The demo's integrity officer, confirmed by the mayor, is checked with the
# demo load in core/tests/test_commands.py (one load of the demo for both).
