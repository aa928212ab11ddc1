"""Background work of the integrity registers (tasks call services)."""

from celery import shared_task
from django.utils import timezone

from prongsai.organizations.models import Organization

from .services_coi import coi_yearly_reminders_send


@shared_task
def coi_send_yearly_reminders() -> int:
    """Remind members who have not made the year's declaration of interests
    (Celery beat, daily; each member at most once a month)."""
    today = timezone.localdate()
    sent = 0
    for organization in Organization.objects.active():
        sent += coi_yearly_reminders_send(organization=organization, today=today)
    return sent
