"""Base model and the audit trail shared by every app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.storage import private_storage
from prongsai.core.tenancy import TenantManager


class BaseModel(models.Model):
    """Abstract model with creation and modification timestamps."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class OrganizationOwned(BaseModel):
    """Abstract base of every model whose rows belong to one organisation.

    Adds no field: each model declares its own ``organization`` foreign key
    (with its related name), or sets ``tenant_path`` to reach it through a
    parent (``"plan__organization"``). Queries must be scoped: see
    :mod:`prongsai.core.tenancy`.
    """

    tenant_path = "organization"

    objects = TenantManager()

    class Meta:
        abstract = True


class OrganizationSettings(OrganizationOwned):
    """Abstract: one row of an app's settings per organisation.

    Subclasses declare their own ``organization`` one-to-one field (each with
    its related name). A row exists only once someone saved the settings;
    until then :meth:`for_organization` gives unsaved defaults.
    """

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, "organization", ""))

    @classmethod
    def for_organization(cls, organization):
        """The saved settings of ``organization``, or unsaved defaults."""
        # ``organization`` is declared by each subclass.
        lookup = {"organization": organization}
        return cls._default_manager.filter(**lookup).first() or cls(**lookup)


class AuditEvent(models.Model):
    """One state change made through a service: who, when, what, where.

    Rows are only ever added. ``changes`` maps a field name to ``[old, new]``; it
    never holds passwords, tokens or confidential case content.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["organization", "-created_at"], name="audit_org_time_idx"
            ),
            models.Index(
                fields=["organization", "object_type", "object_id"],
                name="audit_org_object_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class OutboxTask(models.Model):
    """A background task that could not be handed to the broker yet.

    :func:`prongsai.core.tasks.enqueue` stores one when publishing fails (the
    broker is down); ``drain_task_outbox`` sends it once the broker answers.
    ``args`` are ids and short keys, never personal data. A task waiting with
    the same arguments is stored once (``key``): tasks are safe to send twice
    but need not run twice.
    """

    key = models.CharField(_("deduplication key"), max_length=64, unique=True)
    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    attempts = models.PositiveIntegerField(_("attempts to send"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("waiting background task")
        verbose_name_plural = _("waiting background tasks")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.task_name


class Sequence(models.Model):
    """The last number handed out for one running numbering of an organisation.

    One row per organisation, numbering name (``"complaints.case.C"``) and
    fiscal year (0 for a numbering that never restarts). Rows are changed only
    by :func:`prongsai.core.numbering.next_number`, which locks the row, so two
    requests never get the same number; a number is never handed out twice,
    even after the record that carried it was deleted.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("numbering"), max_length=100)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), default=0)
    last_value = models.PositiveBigIntegerField(_("last number"), default=0)

    tenant_path = "organization"

    objects = TenantManager()

    class Meta:
        verbose_name = _("running number")
        verbose_name_plural = _("running numbers")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name", "fiscal_year"],
                name="core_sequence_unique_per_org_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.fiscal_year}: {self.last_value}"


def publication_path(instance: Publication, filename: str) -> str:
    """Published PDFs, grouped by the kind of record they publish."""
    label = instance.content_type.app_label if instance.content_type_id else "core"
    model = instance.content_type.model if instance.content_type_id else "record"
    return f"publications/{label}/{model}/{filename}"


class Publication(models.Model):
    """One publication of a record: a frozen copy of what the public sees.

    Any record that is published (an HR plan, a code of ethics, borrowing
    rules, ...) gets its publications here instead of a model of its own:
    ``snapshot`` holds everything its public page and documents print, ``pdf``
    the PDF made from that snapshot and ``sha256`` the file's digest. Editing
    the record afterwards changes only the draft; the public keeps seeing the
    latest publication until the record is published again, which adds a row
    (numbered from 1 per record). Rows are never changed except to mark them
    withdrawn. Written only through :mod:`prongsai.core.publications`.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="publications",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("kind of record"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    subject = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("publication number"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_by_name = models.CharField(
        _("published by (name)"), max_length=200, blank=True
    )
    published_by_position = models.CharField(
        _("position of the publisher"), max_length=200, blank=True
    )
    snapshot = models.JSONField(_("published content"), default=dict, blank=True)
    pdf = models.FileField(_("published PDF"), upload_to=publication_path, blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    tenant_path = "organization"

    objects = TenantManager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["content_type", "object_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"],
                name="core_publication_unique_number",
            )
        ]
        indexes = [
            models.Index(
                fields=["organization", "content_type", "object_id", "-number"],
                name="core_publication_subject_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} #{self.number}"


def document_job_path(instance: DocumentJob, filename: str) -> str:
    return f"documents/{instance.organization_id}/{instance.pk}/{filename}"


class DocumentJob(OrganizationOwned):
    """A long document (an annual report, a large export) made in the background.

    Requested from a page, built by a task (``core.document_jobs``), followed
    on its own page with a progress bar, downloaded by the member who asked.
    The file sits in private storage.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", pgettext_lazy("document job", "Ready")
        FAILED = "failed", _("Failed")

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="document_jobs",
    )
    kind = models.CharField(_("kind of document"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(
        _("file"),
        upload_to=document_job_path,
        storage=private_storage,
        max_length=300,
        blank=True,
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    error = models.TextField(_("why it failed"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document being made")
        verbose_name_plural = _("documents being made")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["organization", "requested_by", "kind", "-created_at"],
                name="core_documentjob_request_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"


class PublicDocumentVersion(models.Model):
    """How many times the data behind one kind of public document changed.

    Bumped in the writing transaction (``core.public_documents``); a stored
    document is served only while it was made at the current version.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind of document"), max_length=60)
    version = models.PositiveBigIntegerField(_("version"), default=0)

    objects = TenantManager()

    class Meta:
        verbose_name = _("public document version")
        verbose_name_plural = _("public document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind"], name="core_pubdocversion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"


class PublicDocument(OrganizationOwned):
    """A public document (statistics PDF, a published report) made once and
    kept in the default storage, served to every anonymous visitor until the
    data behind it changes (``core.public_documents``)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="public_documents",
    )
    kind = models.CharField(_("kind of document"), max_length=60)
    language = models.CharField(_("language"), max_length=10)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    params_key = models.CharField(_("parameters key"), max_length=64)
    version = models.PositiveBigIntegerField(_("version"), default=0)
    file = models.FileField(_("file"), max_length=400, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("stored public document")
        verbose_name_plural = _("stored public documents")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "language", "params_key"],
                name="core_publicdocument_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.params} v{self.version}"
