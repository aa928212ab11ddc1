"""Background work for organisations. Tasks take ids and call services."""

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from prongsai.core.urls import absolute_url

from .models import Invitation
from .selectors import invitation_token
from .services import invitation_mark_sent
from .services_role_grants import role_grants_activate_due


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def invitation_send_email(self, invitation_id: int) -> bool:
    """Send the invitation e-mail, in Thai, with a link that accepts it.

    Returns False (and sends nothing) when the invitation is no longer pending.
    """
    invitation = (
        # The task gets the id of an invitation a service has just written.
        Invitation.objects.all_organizations()
        .select_related("organization", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return False
    link = absolute_url(
        reverse("invitation-accept", kwargs={"token": invitation_token(invitation)})
    )
    with translation.override("th"):
        context = {"invitation": invitation, "link": link}
        subject = render_to_string(
            "organizations/email/invitation_subject.txt", context
        ).strip()
        body = render_to_string("organizations/email/invitation_body.txt", context)
    send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=[invitation.email],
    )
    invitation_mark_sent(invitation=invitation)
    return True


@shared_task
def role_grants_activate() -> int:
    """Put in force the confidential-role grants whose 24-hour wait is over
    (access checks do it too, for the member concerned)."""
    return role_grants_activate_due()
