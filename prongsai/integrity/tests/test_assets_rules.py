"""The rules on borrowing are published frozen: the public page shows the
publication, never the draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.errors import DomainError
from prongsai.integrity import services_assets_rules as rules_services
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
        position="นิติกร",
    )


def public(client, organization):
    return client.get(
        reverse("integrity-public:assets", kwargs={"org": organization.slug})
    ).content.decode()


def test_public_sees_the_publication_not_the_draft(client, organization, officer):
    rules = rules_services.loan_rules_save(
        actor=officer.user,
        organization=organization,
        title="หลักเกณฑ์การยืมพัสดุ",
        text="ยืมได้ครั้งละไม่เกิน 7 วัน",
    )
    assert "ยืมได้ครั้งละไม่เกิน 7 วัน" not in public(client, organization)
    publication = rules_services.loan_rules_publish(actor=officer.user, rules=rules)
    assert publication.number == 1 and publication.pdf.read().startswith(b"%PDF")
    page = public(client, organization)
    assert "ยืมได้ครั้งละไม่เกิน 7 วัน" in page and publication.pdf.url in page
    rules_services.loan_rules_save(
        actor=officer.user,
        organization=organization,
        title="หลักเกณฑ์การยืมพัสดุ",
        text="ยืมได้ครั้งละไม่เกิน 3 วัน",
    )
    page = public(client, organization)
    assert "7 วัน" in page and "3 วัน" not in page
    rules.refresh_from_db()
    assert (
        rules_services.loan_rules_publish(actor=officer.user, rules=rules).number == 2
    )
    assert "3 วัน" in public(client, organization)
    with pytest.raises(DomainError):  # nothing changed
        rules_services.loan_rules_publish(actor=officer.user, rules=rules)
    rules_services.loan_rules_withdraw(actor=officer.user, rules=rules)
    assert "3 วัน" not in public(client, organization)


def test_empty_rules_are_not_published(organization, officer):
    rules = rules_services.loan_rules_save(
        actor=officer.user, organization=organization, title="หลักเกณฑ์", text=""
    )
    with pytest.raises(DomainError):
        rules_services.loan_rules_publish(actor=officer.user, rules=rules)


def test_officer_uploads_the_signed_pdf_and_publishes(client, organization, officer):
    client.force_login(officer.user)
    url = reverse("integrity-staff:loan-rules", kwargs={"org": organization.slug})
    signed = b"%PDF-1.4 signed rules"
    response = client.post(
        url,
        {
            "title": "ระเบียบการยืมพัสดุ",
            "text": "",
            "pdf": SimpleUploadedFile("rules.pdf", signed, "application/pdf"),
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("integrity-staff:loan-rules-publish", kwargs={"org": organization.slug})
    )
    current = rules_services.loan_rules_current(organization=organization)
    assert current is not None and current.pdf.read() == signed
    assert "ระเบียบการยืมพัสดุ" in public(client, organization)


def test_members_do_not_edit_the_rules(client, organization, member):
    client.force_login(member.user)
    url = reverse("integrity-staff:loan-rules", kwargs={"org": organization.slug})
    assert client.get(url).status_code == 403
