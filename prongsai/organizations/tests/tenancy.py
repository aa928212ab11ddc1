"""How to build an object of a given organisation for each route that takes one."""

import uuid

from prongsai.organizations.models import Invitation
from prongsai.organizations.tests.factories import MembershipFactory


def _membership(organization):
    return {"pk": MembershipFactory(organization=organization).pk}


def _invitation(organization):
    from datetime import timedelta

    from django.utils import timezone

    invitation = Invitation.objects.create(
        organization=organization,
        email=f"invitee-{uuid.uuid4().hex[:8]}@example.org",
        full_name="ผู้ได้รับเชิญ",
        roles=["staff"],
        nonce="n",
        expires_at=timezone.now() + timedelta(days=3),
    )
    return {"pk": invitation.pk}


def _subject_request(organization):
    from prongsai.organizations.services_personal_data import subject_request_log

    entry = subject_request_log(
        actor=None, organization=organization, kind="access", requester="นายทดสอบ"
    )
    return {"pk": entry.pk}


def _role_grant(organization):
    from prongsai.organizations.services_role_grants import role_grant_request

    grant = role_grant_request(
        actor=None,
        membership=MembershipFactory(organization=organization),
        role="integrity_officer",
    )
    return {"pk": grant.pk}


def _document_job(organization):
    """A finished job requested by the tenancy test's member holding every
    role (a job is shown only to who asked for it), else a new member."""
    from django.core.files.base import ContentFile

    from prongsai.core.models import DocumentJob
    from prongsai.organizations.models import Membership
    from prongsai.organizations.roles import Role

    insider = [
        m
        for m in Membership.objects.filter(organization=organization).order_by("pk")
        if set(Role.values) <= set(m.roles)
    ]
    user = (
        insider[0] if insider else MembershipFactory(organization=organization)
    ).user
    job = DocumentJob(
        organization=organization,
        kind="procurement.annual",
        requested_by=user,
        status=DocumentJob.Status.DONE,
        filename="report.pdf",
        content_type="application/pdf",
    )
    job.save()
    job.file.save("report.pdf", ContentFile(b"%PDF-1.7"))
    return {"pk": job.pk}


ROUTE_OBJECTS = {
    "organizations-staff:document-job": _document_job,
    "organizations-staff:document-job-download": _document_job,
    "organizations-staff:member-edit": _membership,
    "organizations-staff:member-deactivate": _membership,
    "organizations-staff:invitation-resend": _invitation,
    "organizations-staff:invitation-revoke": _invitation,
    "organizations-staff:subject-request-answer": _subject_request,
    "organizations-staff:role-grant-confirm": _role_grant,
    "organizations-staff:role-grant-cancel": _role_grant,
}
