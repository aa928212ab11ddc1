"""The LINE and Messenger side of the complaint centre: webhook events as
received, and where a citizen is in the chat (imported by ``models``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import organization_fk
from prongsai.core.models import OrganizationOwned

from .choices import Channel

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

    OrganizationKey = models.ForeignKey[Organization, Organization]


class InboundEvent(OrganizationOwned):
    """A webhook event exactly as received, stored before it is processed.

    The unique key (organisation, source, event id) makes a redelivered or
    concurrently repeated event a no-op.
    """

    class Source(models.TextChoices):
        LINE = "line", _("LINE")
        FACEBOOK = "facebook", _("Facebook Messenger")

    organization: OrganizationKey = organization_fk("+")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    event_id = models.CharField(_("event id"), max_length=100)
    payload = models.JSONField(_("payload"))
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("inbound event")
        verbose_name_plural = _("inbound events")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source", "event_id"],
                name="inbound_event_once",
            )
        ]
        indexes = [
            # The every-minute requeue reads only the events not processed.
            models.Index(
                fields=["created_at"],
                condition=models.Q(processed_at__isnull=True),
                name="inbound_event_unprocessed_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.event_id}"


class ChatSession(OrganizationOwned):
    """Where a citizen is in the guided chat on LINE or Messenger."""

    organization: OrganizationKey = organization_fk("+")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    user_id = models.CharField(max_length=64)
    state = models.CharField(max_length=20, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "channel", "user_id"],
                name="chat_session_unique_user",
            )
        ]
        indexes = [
            # The idle-draft job reads only the sessions holding a draft
            # (complaints.chat.DRAFT_STATES).
            models.Index(
                fields=["updated_at"],
                condition=models.Q(state__in=["describe", "category", "location"]),
                name="chat_session_draft_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.state}"
