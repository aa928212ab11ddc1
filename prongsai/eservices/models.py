"""E-Service: catalogue, citizen manuals, versioned forms, requests and ratings."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core import deadlines
from prongsai.core.deadlines import DayUnit
from prongsai.core.manuals import ProcedureBase, ProcedureStepBase
from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import OrganizationOwned, OrganizationSettings
from prongsai.core.storage import private_storage
from prongsai.core.tenancy import TenantManager

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{1,59}$",
    _("Use 2 to 60 lower-case letters, digits and hyphens."),
)

# Paths under /<org>/eservices/ that a service code would hide.
RESERVED_CODES = frozenset({"track", "mine", "statistics", "line", "manuals"})


def not_reserved(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value in RESERVED_CODES:
        raise ValidationError(
            _("“%(code)s” is a reserved word here; choose another code."),
            params={"code": value},
            code="reserved",
        )


class EServiceSettings(OrganizationSettings):
    """Per-organisation settings of the E-Service (one row per organisation)."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="eservice_settings",
    )
    privacy_notice = models.TextField(
        _("privacy notice"),
        blank=True,
        help_text=_("Shown to citizens before they file a request. Empty: a default."),
    )
    soon_due_days = models.PositiveSmallIntegerField(
        _("soon due (days)"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_(
            "A request is flagged as soon due this many days before its deadline."
        ),
    )
    open311_api_key_hash = models.CharField(
        _("Open311 API key (hash)"), max_length=64, blank=True, editable=False
    )
    open311_api_key_hint = models.CharField(
        _("Open311 API key (last characters)"), max_length=8, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("E-Service settings")
        verbose_name_plural = _("E-Service settings")


def validate_site_path(value: str) -> None:
    """A path on this site (``/bandong/integrity/assets/``), never a full URL."""
    from django.core.exceptions import ValidationError

    if value and (not value.startswith("/") or value.startswith("//")):
        raise ValidationError(_("Give a path on this site that starts with /."))


class Service(OrganizationOwned):
    """A service an organisation offers, with its citizen manual (คู่มือสำหรับประชาชน)."""

    organization = organization_fk("eservices")
    code = models.CharField(
        _("code"), max_length=60, validators=[code_validator, not_reserved]
    )
    template_code = models.CharField(
        _("adopted from template"), max_length=60, blank=True, editable=False
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    steps = models.JSONField(_("steps"), default=list, blank=True)
    documents = models.JSONField(_("required documents"), default=list, blank=True)
    criteria = models.TextField(
        _("rules, procedure and conditions"),
        blank=True,
        help_text=_("หลักเกณฑ์ วิธีการ เงื่อนไข of the citizen manual."),
    )
    fees = models.CharField(_("fees"), max_length=300, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(
        _("legal time limit (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("The deadline clock of each request runs for this many days."),
    )
    time_limit_unit = models.CharField(
        _("time limit counted in"),
        max_length=12,
        choices=DayUnit.choices,
        default=DayUnit.WORKING,
        help_text=_(
            "Working days skip weekends and Thai public holidays and end at "
            "16:30; calendar days count every day."
        ),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    channels = models.CharField(_("channels"), max_length=300, blank=True)
    contacts = models.CharField(_("contacts"), max_length=300, blank=True)
    complaint_channels = models.TextField(
        _("complaint channels"),
        blank=True,
        help_text=_("One channel per line. Empty: the organisation's contacts."),
    )
    sample_form = models.FileField(
        _("sample form"),
        upload_to="eservices/sample-forms/",
        blank=True,
        help_text=_("A filled-in example of the request form (PDF or Word)."),
    )
    officer = member_fk(
        _("service officer"),
        help_text=_("Receives the deadline reminders of this service."),
    )
    is_published = models.BooleanField(_("open to the public"), default=True)
    location_public = models.BooleanField(
        _("location may be published"),
        default=False,
        help_text=_(
            "Show the location of requests in the Open311 interface (street "
            "lights, trees); leave off for services about people's homes."
        ),
    )
    apply_path = models.CharField(
        _("requested on its own page"),
        max_length=300,
        blank=True,
        validators=[validate_site_path],
        help_text=_(
            "A page of this site where citizens file this service instead of "
            "the general request form (the asset-loan page, for example)."
        ),
    )

    class Meta:
        verbose_name = _("e-service")
        verbose_name_plural = _("e-services")
        ordering = ["organization", "category", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="eservice_unique_code_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def apply_url(self) -> str:
        """Where citizens file this service: its own page, else the request form."""
        if self.apply_path:
            return self.apply_path
        return reverse(
            "eservices-public:service-apply",
            kwargs={"org": self.organization.slug, "code": self.code},
        )

    def deadline_for(self, received_at):
        """When a request received at ``received_at`` is due."""
        return deadlines.due_at(received_at, self.time_limit_days, self.time_limit_unit)

    def get_absolute_url(self) -> str:
        return reverse(
            "eservices-public:service-detail",
            kwargs={"org": self.organization.slug, "code": self.code},
        )


class ServiceProcedure(ProcedureBase, OrganizationOwned):
    """The internal procedure of a service: its staff work manual."""

    tenant_path = "service__organization"

    service = models.OneToOneField(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="procedure",
    )

    class Meta:
        verbose_name = _("service procedure")
        verbose_name_plural = _("service procedures")

    def __str__(self) -> str:
        return str(self.service)


class ServiceProcedureStep(ProcedureStepBase, OrganizationOwned):
    tenant_path = "procedure__service__organization"

    procedure = models.ForeignKey(
        ServiceProcedure,
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="steps",
    )

    class Meta(ProcedureStepBase.Meta):
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")


class FormVersion(OrganizationOwned):
    """One published version of a service's form; requests keep theirs."""

    tenant_path = "service__organization"

    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="form_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    fields = models.JSONField(_("fields"), default=list, blank=True)
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "number"], name="eservice_form_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} v{self.number}"


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the citizen")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.IN_PROGRESS,
    Status.WAITING,
)
# Requests in these states wait their turn in the service's queue.
QUEUED_STATUSES = (Status.RECEIVED, Status.ACCEPTED)
CLOSED_STATUSES = (Status.COMPLETED, Status.REJECTED)


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    WALK_IN = "walk_in", _("At the office")
    PHONE = "phone", _("Telephone")
    OPEN311 = "open311", _("Open311 application")


class IssuedTrackingCode(models.Model):
    """Every tracking code ever issued, so that none is given out twice."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(max_length=20)
    issued_at = models.DateTimeField(auto_now_add=True)

    tenant_path = "organization"

    objects = TenantManager()

    class Meta:
        verbose_name = _("issued tracking code")
        verbose_name_plural = _("issued tracking codes")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="eservice_tracking_code_once"
            )
        ]

    def __str__(self) -> str:
        return self.code


class ServiceRequest(OrganizationOwned):
    """A citizen's request for a service, worked through the queue."""

    organization = organization_fk("eservice_requests")
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    form_version = models.ForeignKey(
        FormVersion,
        verbose_name=_("form version"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    tracking_code = models.CharField(_("tracking code"), max_length=20)
    sequence = models.PositiveIntegerField(_("queue number"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    citizen_name = models.CharField(_("name"), max_length=200)
    citizen_phone = models.CharField(_("phone"), max_length=20, blank=True)
    citizen_email = models.EmailField(_("e-mail"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    filed_by = member_fk(_("filed by staff"))
    assignee = member_fk(_("assignee"), related_name="assigned_eservice_requests")
    received_at = models.DateTimeField(_("received at"), db_index=True)
    due_at = models.DateTimeField(_("due at"))
    started_at = models.DateTimeField(_("work started at"), null=True, blank=True)
    paused_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    public_note = models.TextField(_("note to the citizen"), blank=True)
    queue_jump_reason = models.TextField(_("reason for taking out of turn"), blank=True)
    completion_count = models.PositiveSmallIntegerField(default=0, editable=False)
    line_user_id = models.CharField(
        _("LINE user id"), max_length=64, blank=True, editable=False
    )
    line_linked_at = models.DateTimeField(
        _("LINE updates since"), null=True, blank=True, editable=False
    )
    personal_data_removed_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["service", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "tracking_code"],
                name="eservice_request_unique_code",
            ),
            models.UniqueConstraint(
                fields=["service", "sequence"], name="eservice_request_unique_sequence"
            ),
        ]
        indexes = [
            models.Index(
                fields=["service", "status", "sequence"], name="eservice_queue_idx"
            ),
            models.Index(
                fields=["organization", "status", "due_at"], name="eservice_due_idx"
            ),
            # The hourly deadline reminder reads only open, running requests
            # of every organisation (``request_list_due_for_reminder``).
            models.Index(
                fields=["due_at"],
                condition=Q(status__in=OPEN_STATUSES, paused_at__isnull=True),
                name="eservice_open_due_idx",
            ),
            # The staff queue lists requests in arrival order, per service or
            # for the whole organisation.
            models.Index(
                fields=["organization", "service", "received_at", "sequence"],
                name="eservice_service_arrival_idx",
            ),
            models.Index(
                fields=["organization", "received_at", "sequence"],
                name="eservice_org_arrival_idx",
            ),
            models.Index(
                fields=["organization", "line_user_id"],
                condition=~Q(line_user_id=""),
                name="eservice_line_user_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_public_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def get_tracking_url(self) -> str:
        return reverse(
            "eservices-public:track-detail",
            kwargs={"org": self.organization.slug, "code": self.tracking_code},
        )

    def get_staff_url(self) -> str:
        return reverse(
            "eservices-staff:request-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )


class RequestEvent(models.Model):
    """One entry in a request's history; internal entries are never public."""

    class Kind(models.TextChoices):
        FILED = "filed", _("Filed")
        STATUS = "status", _("Status changed")
        ASSIGN = "assign", _("Assigned")
        NOTE = "note", _("Internal note")
        QUEUE_JUMP = "queue_jump", _("Taken out of turn")
        RATING = "rating", _("Rated")
        REOPEN = "reopen", _("Reopen request")

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = member_fk(_("by"))
    from_status = models.CharField(
        _("from"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=Status.choices, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    is_public = models.BooleanField(_("shown to the citizen"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    tenant_path = "request__organization"

    objects = TenantManager()

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.kind}"


ALLOWED_CONTENT_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


def attachment_path(instance, filename: str) -> str:
    return (
        f"eservices/{instance.request.organization_id}/{instance.request_id}/{filename}"
    )


class Attachment(OrganizationOwned):
    """A file a citizen or officer attached to a request (photos without EXIF).

    Stored in the private media root and sent only by permission-checked
    views (staff of the organisation, or the citizen who filed the request).
    """

    tenant_path = "request__organization"

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    field_code = models.CharField(_("form field"), max_length=60, blank=True)
    file = models.FileField(
        _("file"), upload_to=attachment_path, max_length=300, storage=private_storage
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["request", "id"]

    def __str__(self) -> str:
        return self.original_name


class Rating(OrganizationOwned):
    """The citizen's rating of one completion of a request."""

    tenant_path = "request__organization"

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    completion = models.PositiveSmallIntegerField(_("completion"))
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "completion"], name="eservice_rating_once"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="eservice_rating_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.score}"


class ReopenRequest(OrganizationOwned):
    """Opened by a low rating, for the officer to review."""

    tenant_path = "request__organization"

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        REOPENED = "reopened", _("Request reopened")
        DISMISSED = "dismissed", _("Dismissed")

    rating = models.OneToOneField(
        Rating,
        verbose_name=_("rating"),
        on_delete=models.CASCADE,
        related_name="reopen_request",
    )
    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="reopen_requests",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.OPEN
    )
    decided_by = member_fk(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("reopen request")
        verbose_name_plural = _("reopen requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.request} {self.state}"
