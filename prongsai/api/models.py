"""Tokens with which an organisation's other systems write through the JSON API."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import OrganizationOwned


class Scope(models.TextChoices):
    PROCUREMENT_WRITE = "procurement:write", _("Write procurement records")
    ESERVICES_WRITE = "eservices:write", _("Change the status of E-Service requests")


class ApiToken(OrganizationOwned):
    """A bearer token of one organisation; only its SHA-256 is kept.

    The token itself (40 random characters) is shown once, when it is made.
    A revoked token stays on record (who made it, when it was last used).
    """

    organization = organization_fk("api_tokens")
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    prefix = models.CharField(_("first characters"), max_length=8)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = member_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]
