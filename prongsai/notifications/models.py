"""What the platform told whom, by which channel, and what it already told."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.fields import EncryptedTextField
from prongsai.core.model_fields import ThaiDateField, organization_fk
from prongsai.core.models import OrganizationOwned
from prongsai.core.tenancy import TenantManager


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    LINE = "line", _("LINE")
    # Citizens only: a reply inside Messenger's 24-hour window.
    MESSENGER = "messenger", _("Facebook Messenger")
    INBOX = "inbox", _("In-app inbox")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Once a day (digest)")


class NotificationPreference(OrganizationOwned):
    """How one member wants to be told things; no row means the defaults."""

    tenant_path = "membership__organization"

    membership = models.OneToOneField(
        "organizations.Membership",
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("by e-mail"), default=True)
    line_enabled = models.BooleanField(
        _("by LINE"),
        default=True,
        help_text=_("Only once you linked your LINE account."),
    )
    inbox_enabled = models.BooleanField(_("in the back-office inbox"), default=True)
    frequency = models.CharField(
        _("when"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.membership)


class Notification(OrganizationOwned):
    """One message to one person: a member's inbox entry, or a citizen's."""

    organization = organization_fk("notifications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        help_text=_("Empty for a citizen."),
    )
    kind = models.CharField(_("kind"), max_length=80)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    line_text = models.TextField(_("LINE text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    in_inbox = models.BooleanField(_("shown in the inbox"), default=False)
    source = models.CharField(
        _("source"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("What the message is about, e.g. complaints.entry:42."),
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["user", "organization", "in_inbox", "read_at"],
                name="notification_inbox_idx",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(OrganizationOwned):
    """Sending one notification by one channel, with its retries."""

    tenant_path = "notification__organization"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DIGEST = "digest", _("Waiting for the daily digest")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # The e-mail address, LINE user id or Messenger id, kept encrypted
    # (personal data).
    address = EncryptedTextField(_("address"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(
        _("last error"),
        max_length=100,
        blank=True,
        help_text=_("The kind of error only, never personal data."),
    )
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        indexes = [
            # The every-minute retry poll reads only the queued deliveries.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="queued"),
                name="delivery_queued_due_idx",
            ),
            # The daily digest reads only the deliveries waiting for it.
            models.Index(
                fields=["id"],
                condition=models.Q(status="digest"),
                name="delivery_digest_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.status}"


class SentKey(models.Model):
    """A notification already sent to one recipient: the one de-duplication
    table for reminders and digests of every app."""

    organization = organization_fk("+")
    recipient = models.CharField(
        _("recipient"),
        max_length=80,
        help_text=_("A member's id or a hash of a citizen's address."),
    )
    key = models.CharField(pgettext_lazy("de-duplication", "key"), max_length=200)
    sent_on = ThaiDateField(_("sent on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    tenant_path = "organization"

    objects = TenantManager()

    class Meta:
        verbose_name = _("sent notification key")
        verbose_name_plural = _("sent notification keys")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "recipient", "key"],
                name="sentkey_once_per_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.key
