"""Where reports about executives go: the operator's list, or an own address
that was verified by code and confirmed by a second person."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from prongsai.complaints import selectors, services
from prongsai.complaints.forms import SettingsForm
from prongsai.complaints.models import (
    ComplaintSettings,
    ExternalAddressChange,
    ExternalBody,
    ExternalRecipient,
)
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

OWN = "intake@own-body.example"


@pytest.fixture
def people(organization, admin_membership):
    """An administrator, two executives and an integrity officer."""
    return {
        "admin": admin_membership.user,
        "mayor": MembershipFactory(
            organization=organization,
            roles=[Role.EXECUTIVE.value],
            user__email="mayor@bandong.example",
            user__totp=True,
        ).user,
        "deputy": MembershipFactory(
            organization=organization,
            roles=[Role.EXECUTIVE.value, Role.ORG_ADMIN.value],
            user__email="deputy@bandong.example",
            user__totp=True,
        ).user,
        "integrity": MembershipFactory(
            organization=organization,
            roles=[Role.INTEGRITY_OFFICER.value],
            user__email="integrity@bandong.example",
            user__totp=True,
        ).user,
        "clerk": MembershipFactory(
            organization=organization,
            roles=[Role.STAFF.value],
            user__email="clerk@bandong.example",
            user__totp=True,
        ).user,
    }


@pytest.fixture
def nacc():
    """The national NACC entry the platform seeds for the operator."""
    return ExternalRecipient.objects.get(kind=ExternalBody.NACC, province="")


def _code_from_mail(address: str) -> str:
    sent = [m for m in mail.outbox if m.to == [address]]
    assert sent, "no code was e-mailed to " + address
    return re.search(r": ([A-Z2-9]{8})\n", sent[-1].body).group(1)


def _propose(organization, actor, capture, email=OWN):
    with capture(execute=True):
        return services.external_address_propose(
            actor=actor,
            organization=organization,
            email=email,
            body_name="ป.ป.ช. จังหวัด",
        )


def _route_report(organization, capture):
    mail.outbox.clear()
    with capture(execute=True):
        services.confidential_submit(
            organization=organization,
            description="นายกแบ่งงานจ้างให้ญาติ",
            concerns_executive=True,
        )
    return [m for m in mail.outbox if "นายกแบ่งงานจ้างให้ญาติ" in m.body]


class TestRecipientInForce:
    def test_default_is_the_operator_listed_national_body(self, organization, nacc):
        found = selectors.external_recipient_in_force(organization=organization)
        assert (found.email, found.source) == (nacc.email, "default")

    def test_own_province_entry_wins_over_the_national_default(
        self, organization, nacc
    ):
        local = ExternalRecipient.objects.create(
            name="สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น",
            email="khonkaen@body.example",
            kind=ExternalBody.NACC,
            province=organization.province,
        )
        assert (
            selectors.external_recipient_in_force(organization=organization).email
            == local.email
        )

    def test_an_email_written_into_the_settings_is_not_used(
        self, organization, nacc, django_capture_on_commit_callbacks
    ):
        """Without a confirmed change, a stored address is never a recipient."""
        services.complaint_settings_ensure(organization=organization)
        ComplaintSettings.objects.filter(organization=organization).update(
            external_body_email="attacker@evil.example"
        )
        reports = _route_report(organization, django_capture_on_commit_callbacks)
        assert [m.to for m in reports] == [[nacc.email]]

    def test_settings_form_offers_only_listed_bodies_of_the_province(
        self, organization, nacc
    ):
        ExternalRecipient.objects.create(
            name="อื่น", email="x@body.example", kind="pacc", province="เชียงใหม่"
        )
        form = SettingsForm(organization=organization)
        offered = set(form.fields["external_recipient"].queryset)
        assert nacc in offered
        assert all(r.province in ("", organization.province) for r in offered)
        assert "external_body_email" not in form.fields

    def test_settings_cannot_pick_another_provinces_body(self, organization, people):
        other = ExternalRecipient.objects.create(
            name="อื่น", email="x@body.example", kind="pacc", province="เชียงใหม่"
        )
        with pytest.raises(Exception) as info:
            services.complaint_settings_update(
                actor=people["admin"],
                organization=organization,
                external_recipient=other,
            )
        assert "external_recipient" in str(info.value)


class TestTwoPersonChange:
    def test_admin_alone_cannot_make_an_unverified_address_receive_reports(
        self, organization, people, nacc, django_capture_on_commit_callbacks
    ):
        _propose(organization, people["admin"], django_capture_on_commit_callbacks)
        reports = _route_report(organization, django_capture_on_commit_callbacks)
        assert [m.to for m in reports] == [[nacc.email]]

    def test_settings_update_cannot_set_an_address(
        self, organization, people, nacc, client
    ):
        """The old door (typing an address into the settings) is closed."""
        services.complaint_settings_update(
            actor=people["admin"],
            organization=organization,
            external_body_email="attacker@evil.example",
        )
        client.force_login(people["admin"])
        client.post(
            reverse("complaints-staff:settings", kwargs={"org": organization.slug}),
            {
                "confidential_retention_days": 365,
                "confidential_deadline_unit": "working_days",
                "external_body": "nacc",
                "external_body_email": "attacker@evil.example",
            },
        )
        row = ComplaintSettings.objects.get(organization=organization)
        assert row.external_body_email == ""
        found = selectors.external_recipient_in_force(organization=organization)
        assert found.email == nacc.email

    def test_code_goes_to_the_proposed_address_only(
        self, organization, people, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        change = _propose(
            organization, people["admin"], django_capture_on_commit_callbacks
        )
        code = _code_from_mail(OWN)
        assert code not in change.code_hash
        assert all(code not in m.body for m in mail.outbox if m.to != [OWN])

    def test_proposer_cannot_confirm(
        self, organization, people, django_capture_on_commit_callbacks
    ):
        change = _propose(
            organization, people["deputy"], django_capture_on_commit_callbacks
        )
        services.external_address_verify(
            actor=people["deputy"], change=change, code=_code_from_mail(OWN)
        )
        with pytest.raises(DomainError) as info:
            services.external_address_confirm(actor=people["deputy"], change=change)
        assert "another" in info.value.message or "ผู้อื่น" in info.value.message
        change.refresh_from_db()
        assert change.status == ExternalAddressChange.Status.VERIFIED

    @pytest.mark.parametrize("who", ["admin", "clerk"])
    def test_only_executives_and_integrity_officers_confirm(
        self, organization, people, who, django_capture_on_commit_callbacks
    ):
        change = _propose(
            organization, people["deputy"], django_capture_on_commit_callbacks
        )
        services.external_address_verify(
            actor=people["deputy"], change=change, code=_code_from_mail(OWN)
        )
        with pytest.raises(DomainError):
            services.external_address_confirm(actor=people[who], change=change)

    def test_unverified_address_cannot_be_confirmed(
        self, organization, people, django_capture_on_commit_callbacks
    ):
        change = _propose(
            organization, people["admin"], django_capture_on_commit_callbacks
        )
        with pytest.raises(DomainError):
            services.external_address_confirm(actor=people["mayor"], change=change)

    def test_wrong_code_is_refused_and_counted(
        self, organization, people, django_capture_on_commit_callbacks
    ):
        change = _propose(
            organization, people["admin"], django_capture_on_commit_callbacks
        )
        for _attempt in range(services.ADDRESS_CODE_ATTEMPTS):
            with pytest.raises(DomainError):
                services.external_address_verify(
                    actor=people["admin"], change=change, code="WRONGONE"
                )
        with pytest.raises(DomainError):  # even the right code, now
            services.external_address_verify(
                actor=people["admin"], change=change, code=_code_from_mail(OWN)
            )
        change.refresh_from_db()
        assert change.status == ExternalAddressChange.Status.UNVERIFIED

    def test_full_change_routes_reports_and_tells_everyone(
        self, organization, people, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        mail.outbox.clear()
        change = _propose(organization, people["admin"], capture)
        reviewers = {
            "mayor@bandong.example",
            "deputy@bandong.example",
            "integrity@bandong.example",
        }
        told = {a for m in mail.outbox for a in m.to}
        assert reviewers <= told
        assert "clerk@bandong.example" not in told
        notice = next(m for m in mail.outbox if m.to == ["mayor@bandong.example"])
        assert notice.subject == "มีการเสนออีเมลใหม่สำหรับเรื่องเกี่ยวกับผู้บริหาร"
        assert "ผู้เสนอ:" in notice.body
        assert "/bandong/staff/complaints/" in notice.body
        with capture(execute=True):
            services.external_address_verify(
                actor=people["admin"], change=change, code=_code_from_mail(OWN)
            )
        mail.outbox.clear()
        with capture(execute=True):
            services.external_address_confirm(actor=people["integrity"], change=change)
        assert reviewers <= {a for m in mail.outbox for a in m.to}
        reports = _route_report(organization, capture)
        assert [m.to for m in reports] == [[OWN]]
        actions = list(
            AuditEvent.objects.filter(
                action__startswith="complaint_external_address."
            ).values_list("action", flat=True)
        )
        for step in ("propose", "verify", "confirm"):
            assert "complaint_external_address." + step in actions

    def test_rejected_address_is_never_used_and_is_told(
        self, organization, people, nacc, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        change = _propose(organization, people["admin"], capture)
        services.external_address_verify(
            actor=people["admin"], change=change, code=_code_from_mail(OWN)
        )
        mail.outbox.clear()
        with capture(execute=True):
            services.external_address_reject(actor=people["mayor"], change=change)
        assert "integrity@bandong.example" in {a for m in mail.outbox for a in m.to}
        with pytest.raises(DomainError):
            services.external_address_confirm(actor=people["integrity"], change=change)
        assert AuditEvent.objects.filter(
            action="complaint_external_address.reject"
        ).exists()
        reports = _route_report(organization, capture)
        assert [m.to for m in reports] == [[nacc.email]]

    def test_notice_is_pushed_by_line_to_reviewers_who_linked_it(
        self, organization, people, monkeypatch, django_capture_on_commit_callbacks
    ):
        from prongsai.organizations.models import Membership
        from prongsai.organizations.tests.line_edge import configure_line

        Membership.objects.filter(user=people["integrity"]).update(
            line_user_id="U" + "1" * 32
        )
        Membership.objects.filter(user=people["clerk"]).update(
            line_user_id="U" + "2" * 32
        )
        edge = configure_line(monkeypatch, organization)
        _propose(organization, people["admin"], django_capture_on_commit_callbacks)
        pushed = [(p.to, p.text) for p in edge.pushes]
        assert [user for user, _text in pushed] == ["U" + "1" * 32]
        assert "เสนออีเมลใหม่" in pushed[0][1]

    def test_a_new_code_replaces_the_old_one(
        self, organization, people, django_capture_on_commit_callbacks
    ):
        change = _propose(
            organization, people["admin"], django_capture_on_commit_callbacks
        )
        old = _code_from_mail(OWN)
        with django_capture_on_commit_callbacks(execute=True):
            services.external_address_send_code(actor=people["admin"], change=change)
        new = _code_from_mail(OWN)
        with pytest.raises(DomainError):
            services.external_address_verify(
                actor=people["admin"], change=change, code=old if old != new else "X"
            )
        services.external_address_verify(actor=people["admin"], change=change, code=new)
        change.refresh_from_db()
        assert change.status == ExternalAddressChange.Status.VERIFIED

    def test_listed_address_must_be_chosen_from_the_list(
        self, organization, people, nacc
    ):
        with pytest.raises(DomainError):
            services.external_address_propose(
                actor=people["admin"], organization=organization, email=nacc.email
            )


class TestViews:
    def _url(self, organization, name="complaints-staff:external-address", **kw):
        return reverse(name, kwargs={"org": organization.slug, **kw})

    def test_page_and_two_person_flow(
        self, client, organization, people, django_capture_on_commit_callbacks
    ):
        client.force_login(people["admin"])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(self._url(organization), {"email": OWN})
        assert response.status_code == 302
        change = ExternalAddressChange.objects.get(organization=organization)
        code = _code_from_mail(OWN)
        client.post(
            self._url(
                organization, "complaints-staff:external-address-verify", pk=change.pk
            ),
            {"code": code},
        )
        confirm = self._url(
            organization, "complaints-staff:external-address-confirm", pk=change.pk
        )
        client.post(confirm)  # the administrator is not a reviewer
        change.refresh_from_db()
        assert change.status == ExternalAddressChange.Status.VERIFIED
        client.force_login(people["mayor"])
        page = client.get(self._url(organization)).content.decode()
        assert OWN in page and confirm in page
        client.post(confirm)
        change.refresh_from_db()
        assert change.status == ExternalAddressChange.Status.CONFIRMED

    def test_executive_cannot_propose(self, client, organization, people):
        client.force_login(people["mayor"])
        response = client.post(self._url(organization), {"email": OWN})
        assert response.status_code == 404
        assert not ExternalAddressChange.objects.exists()

    def test_clerk_cannot_see_the_page(self, client, organization, people):
        client.force_login(people["clerk"])
        assert client.get(self._url(organization)).status_code in (403, 404)


class TestMigration:
    """Addresses typed in before this change are held until verified."""

    def _migrate(self):
        import importlib

        from django.apps import apps

        module = importlib.import_module(
            "prongsai.complaints.migrations.0005_seed_recipients_hold_unlisted_addresses"
        )
        module.seed_and_hold(apps, None)

    def test_unlisted_address_becomes_an_unverified_proposal(
        self, organization, nacc, django_capture_on_commit_callbacks
    ):
        services.complaint_settings_ensure(organization=organization)
        ComplaintSettings.objects.filter(organization=organization).update(
            external_body_email="old@own-body.example"
        )
        self._migrate()
        row = ComplaintSettings.objects.get(organization=organization)
        assert row.external_body_email == ""
        change = ExternalAddressChange.objects.get(organization=organization)
        assert change.email == "old@own-body.example"
        assert change.status == ExternalAddressChange.Status.UNVERIFIED
        reports = _route_report(organization, django_capture_on_commit_callbacks)
        assert [m.to for m in reports] == [[nacc.email]]

    def test_listed_address_becomes_the_listed_choice(self, organization, nacc):
        services.complaint_settings_ensure(organization=organization)
        ComplaintSettings.objects.filter(organization=organization).update(
            external_body_email=nacc.email.upper()
        )
        self._migrate()
        row = ComplaintSettings.objects.get(organization=organization)
        assert row.external_recipient == nacc
        assert not ExternalAddressChange.objects.exists()

    def test_seeded_national_bodies_are_marked_as_placeholders(self, nacc):
        pacc = ExternalRecipient.objects.get(kind=ExternalBody.PACC, province="")
        for entry in (nacc, pacc):
            assert entry.email.endswith(".invalid")
            assert "Placeholder" in entry.notes


def test_operator_edits_the_list_in_the_admin_and_it_is_audited(client):
    from prongsai.accounts.tests.factories import UserFactory

    operator = UserFactory(is_superuser=True, is_staff=True, totp=True)
    client.force_login(operator)
    response = client.post(
        reverse("admin:complaints_externalrecipient_add"),
        {
            "name": "ที่ว่าการอำเภอเมืองขอนแก่น",
            "email": "district@body.example",
            "kind": ExternalBody.DISTRICT_OFFICE,
            "province": "ขอนแก่น",
            "is_active": "on",
            "notes": "",
        },
    )
    assert response.status_code == 302
    listed = ExternalRecipient.objects.get(email="district@body.example")
    event = AuditEvent.objects.get(action="external_recipient.create")
    assert event.actor == operator
    assert event.changes["email"] == listed.email


def test_organisation_admin_cannot_reach_the_list_in_the_admin(client, admin_user):
    admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user)
    response = client.get(reverse("admin:complaints_externalrecipient_changelist"))
    assert response.status_code in (302, 403)
    assert not ExternalRecipient.objects.filter(email="x@evil.example").exists()
