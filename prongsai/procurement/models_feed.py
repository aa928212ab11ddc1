"""What the e-GP feed keeps besides register records: the national list of
e-GP departments (loaded by the operator, to propose an organisation's code)
and the e-GP announcements read from the RSS, linked to records by their e-GP
project number.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import organization_fk
from prongsai.core.models import OrganizationOwned


class EgpDepartment(models.Model):
    """One e-GP department (CGD ``EGPDepartment`` / ``EGPSubdepartment``),
    loaded with ``prongsai load_egp_departments``; shared by all organisations."""

    code = models.CharField(_("e-GP department code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    province = models.CharField(_("province"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("e-GP department")
        verbose_name_plural = _("e-GP departments")
        ordering = ["province", "name"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EgpAnnouncement(OrganizationOwned):
    """An e-GP announcement (invitation, result) of one of the organisation's
    projects; a record shows those with its e-GP project number."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation to bid")
        RESULT = "result", _("Result of the selection")

    organization = organization_fk("egp_announcements")
    project_number = models.CharField(
        _("e-GP project number"), max_length=11, db_index=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    url = models.CharField(_("address"), max_length=1000)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-GP announcement")
        verbose_name_plural = _("e-GP announcements")
        ordering = ["published_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "url"], name="egp_announcement_unique_url"
            )
        ]

    def __str__(self) -> str:
        return self.title
