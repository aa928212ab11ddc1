"""EIT links after a completed E-Service request or a closed complaint."""

import pytest
from django.core import mail

from prongsai.complaints import services as complaint_services
from prongsai.complaints.choices import Channel
from prongsai.complaints.choices import Status as CaseStatus
from prongsai.complaints.tests.factories import CaseFactory, ConfidentialCaseFactory
from prongsai.eservices import services_workflow
from prongsai.eservices.models import Status
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.notifications.models import Notification
from prongsai.surveys import services_eit
from prongsai.surveys.models import Survey, SurveyToken
from prongsai.surveys.tests.factories import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def eit(organization):
    from django.utils import timezone

    from prongsai.core.thai_dates import fiscal_year

    return make_survey(
        organization,
        kind=Survey.Kind.EIT,
        fiscal_year=fiscal_year(timezone.localdate()),
    )


def _complete(request):
    for status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED):
        services_workflow.request_transition(
            actor=None, request=request, to_status=status
        )


def test_a_completed_request_gets_one_link_by_email(
    organization, eit, django_capture_on_commit_callbacks
):
    request = file_request(ServiceFactory(organization=organization))
    with django_capture_on_commit_callbacks(execute=True):
        _complete(request)
    token = SurveyToken.objects.for_organization(organization).get()
    assert token.subject == f"eservices.request:{request.pk}"
    assert token.survey == eit
    note = Notification.objects.for_organization(organization).get(
        kind="surveys/eit_invitation"
    )
    assert "/surveys/link/" in note.body and request.tracking_code in note.body
    assert any("/surveys/link/" in m.body for m in mail.outbox)


def test_one_link_per_transaction(organization, eit):
    from prongsai.notifications.services import Citizen

    citizen = Citizen(email="a@example.org")
    assert services_eit.eit_link_issue(
        organization=organization,
        subject="eservices.request:1",
        citizen=citizen,
        context={},
    )
    assert not services_eit.eit_link_issue(
        organization=organization,
        subject="eservices.request:1",
        citizen=citizen,
        context={},
    )
    assert SurveyToken.objects.for_organization(organization).count() == 1


def test_no_open_eit_pulse_no_link(organization, django_capture_on_commit_callbacks):
    request = file_request(ServiceFactory(organization=organization))
    with django_capture_on_commit_callbacks(execute=True):
        _complete(request)
    assert not SurveyToken.objects.for_organization(organization).exists()


def test_a_resolved_line_complaint_gets_its_link_on_line(
    organization, eit, django_capture_on_commit_callbacks, monkeypatch
):
    pushed = []
    from prongsai.notifications import services as notification_services

    case = CaseFactory(
        organization=organization, channel=Channel.LINE, line_user_id="U" + "1" * 32
    )
    monkeypatch.setattr(
        notification_services, "_targets", _spy(notification_services._targets, pushed)
    )
    with django_capture_on_commit_callbacks(execute=True):
        for status in (CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS):
            complaint_services.case_change_status(actor=None, case=case, status=status)
        complaint_services.case_change_status(
            actor=None,
            case=case,
            status=CaseStatus.RESOLVED,
            text="ซ่อมแล้ว",
            no_after_photo_reason="ไม่มีภาพ",
        )
    token = SurveyToken.objects.for_organization(organization).get()
    assert token.subject == f"complaints.case:{case.pk}"
    assert any(c.line_user_id == case.line_user_id for c in pushed)


def _spy(real, seen):
    def wrapped(membership, citizen, wanted):
        if citizen is not None:
            seen.append(citizen)
        return real(membership, citizen, wanted)

    return wrapped


def test_a_confidential_report_gets_no_link(organization, eit):
    from prongsai.surveys.tasks import eit_link_for_case

    case = ConfidentialCaseFactory(
        organization=organization, complainant_email="x@example.org"
    )
    assert eit_link_for_case(case.pk) is False
    assert not SurveyToken.objects.for_organization(organization).exists()
