"""How the surveys hear of finished transactions without the apps that own
them knowing: the saves of their history entries (Django's ``post_save``).

A completed E-Service request and a resolved or rejected complaint each
queue one EIT link (``tasks``), after the transaction commits.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from prongsai.complaints.choices import Status as CaseStatus
from prongsai.complaints.models import CaseEntry
from prongsai.core.outbox import enqueue_on_commit
from prongsai.eservices.models import RequestEvent
from prongsai.eservices.models import Status as RequestStatus

CASE_CLOSED = (CaseStatus.RESOLVED, CaseStatus.REJECTED)


@receiver(post_save, sender=RequestEvent, dispatch_uid="surveys.request_completed")
def request_completed(sender, instance: RequestEvent, created: bool, **kwargs) -> None:
    if (
        created
        and not kwargs.get("raw")
        and instance.kind == RequestEvent.Kind.STATUS
        and instance.to_status == RequestStatus.COMPLETED
    ):
        from .tasks import eit_link_for_request

        enqueue_on_commit(eit_link_for_request, instance.request_id)


@receiver(post_save, sender=CaseEntry, dispatch_uid="surveys.case_closed")
def case_closed(sender, instance: CaseEntry, created: bool, **kwargs) -> None:
    if (
        created
        and not kwargs.get("raw")
        and instance.type == CaseEntry.Type.STATUS
        and instance.to_status in CASE_CLOSED
    ):
        from .tasks import eit_link_for_case

        enqueue_on_commit(eit_link_for_case, instance.case_id)
