"""The OIT checklist of an organisation per fiscal year, its evidence,
submission snapshots and link checks."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned
from prongsai.core.storage import private_storage
from prongsai.core.tenancy import TenantManager

if TYPE_CHECKING:
    pass

MACHINE_READABLE_EXTENSIONS = (".xlsx", ".xls", ".csv", ".ods", ".json", ".xml")
# What describes a piece of evidence (its audit row; the form takes the
# ones between ``kind`` and ``requirement_indexes``).
EVIDENCE_FIELDS = (
    "kind",
    "title",
    "file",
    "url",
    "covers_fiscal_year",
    "period",
    "states_none",
    "approved_by_name",
    "approved_on",
    "requirement_indexes",
)


class DataOfficerAppointment(OrganizationOwned):
    """Who was put in charge of the organisation's published data, and by whom."""

    organization = organization_fk("+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    appointed_on = ThaiDateField(_("appointed on"))
    order_reference = models.CharField(_("order or memo"), max_length=200, blank=True)
    appointed_by = member_fk(_("recorded by"))

    class Meta:
        verbose_name = _("data officer appointment")
        verbose_name_plural = _("data officer appointments")
        ordering = ["-appointed_on", "-pk"]

    def __str__(self) -> str:
        return str(self.officer)


class Checklist(OrganizationOwned):
    """The OIT items of one fiscal year for one organisation."""

    organization = organization_fk("+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = member_fk(_("submitted by"))

    class Meta:
        verbose_name = _("OIT checklist")
        verbose_name_plural = _("OIT checklists")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="oit_checklist_one_per_org_year",
            )
        ]

    def __str__(self) -> str:
        return f"OIT {self.fiscal_year}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ChecklistItem(OrganizationOwned):
    """One OIT item of the year's framework, as the organisation prepares it."""

    class Status(models.TextChoices):
        MISSING = "missing", _("Missing")
        IN_PROGRESS = "in_progress", _("In progress")
        READY = "ready", _("Ready")
        # Held back by a person, with a reason (``not_ready_reason``): the
        # checks no longer move the item until the hold is released.
        NOT_READY = "not_ready", _("Not ready (held back)")
        SUBMITTED = "submitted", _("Submitted")

    organization = organization_fk("+")
    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("item"), max_length=10)
    position = models.PositiveSmallIntegerField(default=0)
    title_th = models.CharField(_("heading"), max_length=400)
    requirements_th = models.JSONField(_("requirements"), default=list)
    sub_indicator = models.CharField(_("sub-indicator"), max_length=10, blank=True)
    period = models.CharField(_("period"), max_length=40, blank=True)
    data_year = models.PositiveSmallIntegerField(_("data year"), null=True, blank=True)
    machine_readable = models.BooleanField(_("machine-readable file"), default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the data officer."),
    )
    due_date = ThaiDateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.MISSING
    )
    not_ready_reason = models.TextField(
        _("why it is not ready"),
        blank=True,
        help_text=_("Required when a person marks the item not ready."),
    )
    explanation = models.TextField(
        _("explanation for the assessor"),
        blank=True,
        help_text=_("Where on the page the evidence is, as entered in ITAS."),
    )
    provider_key = models.CharField(_("generated evidence"), max_length=60, blank=True)
    preliminary_score = models.PositiveSmallIntegerField(
        _("preliminary score"), null=True, blank=True
    )
    final_score = models.PositiveSmallIntegerField(
        _("final score"), null=True, blank=True
    )
    # The generated evidence the public ITA/OIT page shows, stored whenever
    # the item is checked again (``services.readiness_recompute``, run when a
    # record its provider reads changes): ``{"url", "title"}``, ``{}`` for
    # none; ``None`` until first checked (the page then asks the provider).
    generated_link = models.JSONField(
        _("generated evidence link"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("OIT item")
        verbose_name_plural = _("OIT items")
        ordering = ["checklist", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "code"], name="oit_item_one_per_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"

    @property
    def counts_as_done(self) -> bool:
        return self.status in (self.Status.READY, self.Status.SUBMITTED)


class Evidence(OrganizationOwned):
    """An uploaded document or an external link offered for an item.

    Generated evidence is not stored here: it comes live from the item's
    provider (``ChecklistItem.provider_key``).
    """

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("Uploaded document")
        LINK = "link", _("External link")

    class Period(models.TextChoices):
        FULL_YEAR = "full", _("Whole fiscal year")
        FIRST_HALF = "h1", _("First six months (Oct–Mar)")
        SECOND_HALF = "h2", _("Last six months (Apr–Sep)")
        NOT_APPLICABLE = "", _("Not tied to a period")

    organization = organization_fk("+")
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("heading"), max_length=300)
    file = models.FileField(_("file"), upload_to="oit/evidence/", blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    covers_fiscal_year = models.PositiveSmallIntegerField(
        _("covers fiscal year"), null=True, blank=True
    )
    period = models.CharField(
        _("period covered"),
        max_length=4,
        choices=Period.choices,
        default=Period.NOT_APPLICABLE,
        blank=True,
    )
    states_none = models.BooleanField(
        _("states explicitly that there was none"), default=False
    )
    approved_by_name = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = ThaiDateField(_("approved on"), null=True, blank=True)
    requirement_indexes = models.JSONField(
        _("requirements covered"),
        default=list,
        blank=True,
        help_text=_("Numbers of the requirements this evidence meets."),
    )
    added_by = member_fk(_("added by"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def machine_readable(self) -> bool:
        name = (self.file.name if self.file else self.url).lower()
        return name.endswith(MACHINE_READABLE_EXTENSIONS)

    @property
    def approved(self) -> bool:
        return bool(self.approved_by_name and self.approved_on)


class SubmittedUrl(OrganizationOwned):
    """One evidence URL frozen at submission, with what it served then."""

    organization = organization_fk("+")
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="submitted_urls"
    )
    url = models.CharField(_("URL"), max_length=500)
    title = models.CharField(_("heading"), max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    retrieved_at = models.DateTimeField(_("retrieved at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("submitted URL")
        verbose_name_plural = _("submitted URLs")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.url


class LinkCheck(models.Model):
    """The result of fetching one evidence URL (no timestamps of its own:
    ``checked_at`` says when)."""

    tenant_path = "organization"

    organization = organization_fk("+")
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="link_checks"
    )
    url = models.CharField(_("URL"), max_length=500)
    checked_at = models.DateTimeField(_("checked at"), db_index=True)
    status_code = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    final_url = models.CharField(_("final URL"), max_length=500, blank=True)
    redirects = models.PositiveSmallIntegerField(_("redirects"), default=0)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    elapsed_ms = models.PositiveIntegerField(_("time (ms)"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    ok = models.BooleanField(_("works"), default=False)
    changed_since_submission = models.BooleanField(
        _("changed since submission"), default=False
    )

    objects = TenantManager()

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["-checked_at", "pk"]
        indexes = [models.Index(fields=["item", "-checked_at"])]

    def __str__(self) -> str:
        return self.url


def snapshot_path(instance: "SubmittedCopy", filename: str) -> str:
    return f"oit/snapshots/{instance.organization_id}/{filename}"


class SubmittedCopy(OrganizationOwned):
    """The copy of a submitted page or file kept privately at submission, so
    "what did we submit" can be shown after the page changed."""

    class Outcome(models.TextChoices):
        STORED = "stored", _("Copy kept")
        TOO_LARGE = "too_large", _("Larger than 10 MB, no copy kept")
        NOT_FETCHED = "not_fetched", _("Not retrieved, no copy")

    organization = organization_fk("+")
    submitted_url = models.OneToOneField(
        SubmittedUrl, on_delete=models.CASCADE, related_name="copy"
    )
    fetched_url = models.CharField(_("address fetched"), max_length=500)
    final_url = models.CharField(_("final URL"), max_length=500, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"))
    outcome = models.CharField(_("copy"), max_length=12, choices=Outcome.choices)
    file = models.FileField(
        _("file"),
        upload_to=snapshot_path,
        storage=private_storage,
        max_length=300,
        blank=True,
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("submitted copy")
        verbose_name_plural = _("submitted copies")
        ordering = ["submitted_url"]

    def __str__(self) -> str:
        return self.fetched_url
