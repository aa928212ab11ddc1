"""The register of data-subject requests (PDPA), apart from ``models`` for size."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.deadlines import is_overdue
from prongsai.core.model_fields import ThaiDateField, member_fk
from prongsai.core.models import OrganizationOwned


class DataSubjectRequest(OrganizationOwned):
    """The one register of data-subject requests under the PDPA (ss.30-36).

    A request is logged when it arrives (who asked, what for, answered within
    30 days) and answered later; or it is handled at once with the
    personal-data page (``prongsai.core.personal_data``): an export or an
    erasure across the apps, recorded with the identifiers searched kept only
    as keyed hashes and the number of records per kind.
    """

    ANSWER_DAYS = 30

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (copy of the data)")
        RECTIFICATION = "rectification", _("Rectification")
        ERASURE = "erasure", _("Erasure")
        RESTRICTION = "restriction", _("Restriction of processing")
        OBJECTION = "objection", _("Objection")
        PORTABILITY = "portability", _("Data portability")

    class Outcome(models.TextChoices):
        PENDING = "", pgettext_lazy("request outcome", "Pending")
        DONE = "done", _("Done")
        PARTLY = "partly", _("Partly done (confidential records left out)")
        NOTHING_FOUND = "nothing_found", _("No data found")
        REFUSED = "refused", _("Refused with reason")

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="data_subject_requests",
    )
    requested_at = models.DateTimeField(_("handled at"), default=timezone.now)
    kind = models.CharField(_("request"), max_length=20, choices=Kind.choices)
    requester = models.CharField(
        _("requester"),
        max_length=200,
        blank=True,
        help_text=_("As the person gave it; leave empty for a search by identifiers."),
    )
    received_on = ThaiDateField(_("received on"), default=timezone.localdate)
    due_on = ThaiDateField(_("answer by"), null=True, blank=True)
    related_reference = models.CharField(
        _("related record (reference)"), max_length=40, blank=True
    )
    details = models.TextField(_("details"), blank=True)
    identifier_hashes = models.JSONField(
        _("identifiers (hashed)"), default=dict, blank=True
    )
    handled_by = member_fk(_("handled by"))
    reason = models.TextField(_("reason"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    answered_on = ThaiDateField(_("answered on"), null=True, blank=True)
    counts = models.JSONField(_("records per kind"), default=dict, blank=True)
    confidential_left_out = models.PositiveIntegerField(
        _("confidential records left out"), default=0
    )

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(
                fields=["organization", "-requested_at"],
                name="subject_request_org_time_idx",
            )
        ]

    @property
    def is_pending(self) -> bool:
        return not self.outcome

    @property
    def is_overdue(self) -> bool:
        return self.is_pending and is_overdue(self.due_on, timezone.localdate())

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}"
