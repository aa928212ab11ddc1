"""Imports waiting for the officer: the uploaded file or feed (``ImportBatch``),
its parsed rows with their match and merge plan (``ImportRow``) and its
problems (``ImportProblem``). Imported by ``models``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core import model_fields
from prongsai.core.model_fields import organization_fk
from prongsai.core.models import OrganizationOwned
from prongsai.core.tenancy import TenantManager

from .models import Procurement


class ImportBatch(OrganizationOwned):
    """An uploaded file, parsed and waiting for the officer to confirm it."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Awaiting confirmation")
        COMMITTED = "committed", _("Import completed")

    organization = organization_fk("procurement_imports")
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    layout = models.CharField(_("layout"), max_length=20)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_(
            "The file or feed the rows came from, as recorded on merged values."
        ),
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    existing_count = models.PositiveIntegerField(_("rows already recorded"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PREVIEW
    )
    created_by = model_fields.member_fk(_("uploaded by"))
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("procurement import")
        verbose_name_plural = _("procurement imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


def _batch_fk(related_name: str) -> models.ForeignKey[ImportBatch, ImportBatch]:
    return models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class ImportRow(models.Model):
    """One parsed row of an import, kept until the officer confirms it.

    Rows are their own table (not one list on the batch) so that a page or
    the commit reads them a slice at a time, however large the file.
    """

    tenant_path = "batch__organization"

    class Action(models.TextChoices):
        CREATE = "create", _("New record")
        MERGE = "merge", _("Merged into a record")
        UNCERTAIN = "uncertain", _("Possibly a recorded purchase")
        CONFLICT = "conflict", _("Merged, with different values")

    batch = _batch_fk("import_rows")
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    number = models.PositiveIntegerField(_("row"))
    exists = models.BooleanField(_("already in the register"), default=False)
    data = models.JSONField(_("parsed row"), default=dict)
    action = models.CharField(
        _("plan"), max_length=20, choices=Action.choices, default=Action.CREATE
    )
    target = models.ForeignKey(
        Procurement,
        verbose_name=_("matching record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    plan = models.JSONField(_("match and merge plan"), default=dict, blank=True)
    decision = models.JSONField(_("officer's decision"), default=dict, blank=True)

    objects = TenantManager()

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["batch", "number", "id"]
        indexes = [
            models.Index(fields=["batch", "number", "id"], name="import_row_order_idx"),
            models.Index(
                fields=["batch", "action", "id"], name="import_row_action_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.number}"


class ImportProblem(models.Model):
    """An error or warning found in one row (or the whole file) of an import."""

    tenant_path = "batch__organization"

    batch = _batch_fk("import_problems")
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    row = models.PositiveIntegerField(_("row"), default=0)
    column = models.CharField(_("column"), max_length=200, blank=True)
    severity = models.CharField(_("severity"), max_length=10)
    message = models.TextField(_("message"))

    objects = TenantManager()

    class Meta:
        verbose_name = _("import problem")
        verbose_name_plural = _("import problems")
        ordering = ["batch", "row", "column", "id"]
        indexes = [
            models.Index(
                fields=["batch", "severity", "row", "column", "id"],
                name="import_problem_order_idx",
            )
        ]

    def __str__(self) -> str:
        return self.message
