"""Background work of the surveys: EIT links after transactions. Tasks take
ids and call services."""

from __future__ import annotations

from celery import shared_task

from prongsai.complaints.choices import Channel as CaseChannel
from prongsai.complaints.models import Case
from prongsai.eservices.models import ServiceRequest
from prongsai.notifications.services import Citizen

from .services_eit import eit_link_issue


@shared_task(acks_late=True)
def eit_link_for_request(request_id: int) -> bool:
    """Send the EIT link of a completed E-Service request (by e-mail, and by
    LINE when the citizen follows the request on LINE)."""
    request = (
        # A task on one request of any organisation (its id is ours).
        ServiceRequest.objects.all_organizations()
        .select_related("organization", "service")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not (request.citizen_email or request.line_user_id):
        return False
    return eit_link_issue(
        organization=request.organization,
        subject=f"eservices.request:{request.pk}",
        citizen=Citizen(email=request.citizen_email, line_user_id=request.line_user_id),
        context={"reference": request.tracking_code, "what": request.service.name},
    )


@shared_task(acks_late=True)
def eit_link_for_case(case_id: int) -> bool:
    """Send the EIT link of a closed complaint where the complainant wrote
    from: LINE, or e-mail. Confidential reports get none."""
    case = (
        Case.objects.all_organizations()
        .select_related("organization")
        .filter(pk=case_id)
        .first()
    )
    if case is None or case.is_confidential:
        return False
    if case.channel == CaseChannel.LINE and case.line_user_id:
        citizen = Citizen(line_user_id=case.line_user_id)
    elif case.complainant_email:
        citizen = Citizen(email=case.complainant_email)
    else:
        return False
    return eit_link_issue(
        organization=case.organization,
        subject=f"complaints.case:{case.pk}",
        citizen=citizen,
        context={"reference": case.reference, "what": case.subject},
    )
