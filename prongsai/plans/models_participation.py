"""Participation: measures proposed by members, their supporters and comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

from .models import (
    Measure,
    Plan,
)


class Proposal(OrganizationOwned):
    """A measure proposed by any member, supported by others, adopted or not."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("proposal status", "Open")
        ADOPTED = "adopted", _("Adopted")
        DECLINED = "declined", _("Declined")

    organization = organization_fk("+")
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    title = models.CharField(_("proposed measure"), max_length=300)
    description = models.TextField(_("why and how"))
    proposed_by = member_fk(_("proposed by"), blank=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    decided_by = member_fk(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("adopted as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["plan", "-created_at"]

    def __str__(self) -> str:
        return self.title


class ProposalSupport(OrganizationOwned):
    tenant_path = "proposal__organization"
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="proposal_support_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} + {self.proposal}"


class Comment(OrganizationOwned):
    """A member's comment on a plan or on one proposal of it."""

    organization = organization_fk("+")
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    author = member_fk(_("author"), blank=False)
    body = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["plan", "created_at"]

    def __str__(self) -> str:
        return self.body[:50]
