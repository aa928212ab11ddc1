"""What the E-Service keeps and for how long (prongsai.core.retention).

Only closed requests age out. Their rows stay for the statistics with the
personal fields blanked; their files go earlier.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from prongsai.core.retention import (
    Effect,
    RetentionKind,
    cutoff,
    expire_each,
    register,
)

from . import services_personal_data
from .models import CLOSED_STATUSES, Attachment, ServiceRequest


def requests_expire(*, days: int, now: datetime.datetime, dry_run: bool):
    """Closed requests past the term: personal fields blanked, files deleted."""
    # Retention runs over every organisation.
    expired = ServiceRequest.objects.all_organizations().filter(
        status__in=CLOSED_STATUSES,
        closed_at__lt=cutoff(days=days, now=now),
        personal_data_removed_at__isnull=True,
    )
    return expire_each(
        expired.select_related("organization"),
        owner=lambda request: request.organization_id,
        remove=lambda request: services_personal_data.request_remove_personal_data(
            request=request, now=now
        ),
        dry_run=dry_run,
    )


def attachments_expire(*, days: int, now: datetime.datetime, dry_run: bool):
    """Files of requests closed longer than the term."""
    expired = Attachment.objects.all_organizations().filter(
        request__status__in=CLOSED_STATUSES,
        request__closed_at__lt=cutoff(days=days, now=now),
    )
    return expire_each(
        expired.select_related("request"),
        owner=lambda attachment: attachment.request.organization_id,
        remove=lambda attachment: services_personal_data.attachment_delete(
            attachment=attachment
        ),
        dry_run=dry_run,
    )


register(
    RetentionKind(
        key="eservices.request",
        label=_("Personal data of closed E-Service requests"),
        effect=Effect.ANONYMISE,
        default_days=730,
        apply=requests_expire,
    )
)
register(
    RetentionKind(
        key="eservices.attachment",
        label=_("Files of closed E-Service requests"),
        effect=Effect.DELETE,
        default_days=365,
        apply=attachments_expire,
    )
)
