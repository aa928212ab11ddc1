"""Complaints, suggestions, praise and confidential reports: one case record.

Every channel (web, LINE, Facebook, walk-in, phone, letter) produces a ``Case``.
What happens to a case is kept as ``CaseEntry`` rows (status changes, notes,
replies, messages from the complainant), so the history is complete.
Confidential corruption/misconduct reports are ``Case`` rows of kind
``corruption``; only integrity officers reach them (see ``permissions``).

Not yet here: linking a case (or a group of cases) to a measure of an
improvement plan. The plans app is being built in parallel; the link belongs
in that app (a many-to-many from its measure to ``complaints.Case``) so that
this app does not depend on it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core import deadlines
from prongsai.core.deadlines import DayUnit
from prongsai.core.manuals import ProcedureBase, ProcedureStepBase
from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import BaseModel, OrganizationOwned, OrganizationSettings

# The choices live in ``choices`` (module size); imported here as before.
from .choices import CLOSED_STATUSES as CLOSED_STATUSES
from .choices import OPEN_STATUSES as OPEN_STATUSES
from .choices import PUBLIC_KINDS as PUBLIC_KINDS
from .choices import STAFF_CHANNELS as STAFF_CHANNELS
from .choices import Channel as Channel
from .choices import ExternalBody as ExternalBody
from .choices import Kind as Kind
from .choices import Status as Status
from .fields import private_storage

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

    # What ``core.model_fields`` declares, for the type checker.
    OrganizationKey = models.ForeignKey[Organization, Organization]
    MemberKey = models.ForeignKey[User | None, User | None]


class ExternalRecipient(BaseModel):
    """A body that receives reports about executives, listed by the operator.

    The platform operator keeps this list in the platform admin; an
    organisation chooses from it. An address an organisation enters itself is
    used only after it is verified and confirmed by a second person (see
    ``ExternalAddressChange``).
    """

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    kind = models.CharField(_("kind"), max_length=20, choices=ExternalBody.choices)
    province = models.CharField(
        _("province"),
        max_length=100,
        blank=True,
        help_text=_("Empty for a national body that serves every province."),
    )
    is_active = models.BooleanField(_("offered to organisations"), default=True)
    notes = models.TextField(_("operator's notes"), blank=True)

    class Meta:
        verbose_name = _("external recipient of reports")
        verbose_name_plural = _("external recipients of reports")
        ordering = ["kind", "province", "name"]

    def __str__(self) -> str:
        if self.province:
            return f"{self.name} ({self.province})"
        return self.name


class ComplaintSettings(OrganizationSettings):
    """Per-organisation settings of the complaint centre.

    The LINE and Facebook channels are the organisation's
    (``organizations.ChannelSettings``).
    """

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="complaint_settings",
    )
    receipt_salt = models.CharField(max_length=32, editable=False)
    confidential_retention_days = models.PositiveIntegerField(
        _("keep closed confidential reports for (days)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_(
            "Closed corruption and misconduct reports and their files are deleted "
            "after this many days."
        ),
    )
    confidential_deadline_unit = models.CharField(
        _("confidential report deadlines counted in"),
        max_length=12,
        choices=DayUnit.choices,
        default=DayUnit.WORKING,
        help_text=_(
            "How the acknowledgement and answer deadlines of corruption and "
            "misconduct reports are counted."
        ),
    )
    external_body = models.CharField(
        _("external body for reports about executives"),
        max_length=20,
        choices=ExternalBody.choices,
        default=ExternalBody.NACC,
    )
    external_recipient = models.ForeignKey(
        ExternalRecipient,
        verbose_name=_("recipient of reports about executives"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "From the platform's list. Reports that name an executive are sent "
            "there instead of to the organisation's own officers."
        ),
    )
    external_body_email = models.EmailField(
        _("own verified address of the external body"),
        blank=True,
        editable=False,
        help_text=_(
            "Set only when an address the organisation entered itself has been "
            "verified and confirmed by a second person."
        ),
    )
    privacy_contact = models.CharField(
        _("data protection contact"),
        max_length=300,
        blank=True,
        help_text=_("Who citizens contact about their personal data, e.g. the DPO."),
    )

    class Meta:
        verbose_name = _("complaint centre settings")
        verbose_name_plural = _("complaint centre settings")


class ExternalAddressChange(OrganizationOwned):
    """An address the organisation proposes for reports about executives.

    It is used only once a one-time code sent to the address has been entered
    (the address exists and is read) and a second person, an executive or an
    integrity officer other than the proposer, has confirmed it.
    """

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Waiting for the code from the e-mail")
        VERIFIED = "verified", _("Waiting for a second person to confirm")
        CONFIRMED = "confirmed", _("Confirmed and in use")
        REJECTED = "rejected", _("Rejected or withdrawn")

    OPEN_STATUSES = (Status.UNVERIFIED, Status.VERIFIED)

    organization: OrganizationKey = organization_fk("external_address_changes")
    email = models.EmailField(_("e-mail"))
    body_name = models.CharField(
        _("body"),
        max_length=200,
        blank=True,
        help_text=_("For example สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNVERIFIED
    )
    proposed_by: MemberKey = member_fk(_("proposed by"))
    code_hash = models.CharField(max_length=128, blank=True, editable=False)
    code_sent_at = models.DateTimeField(_("code sent at"), null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    decided_by: MemberKey = member_fk(_("confirmed or rejected by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("proposed address for reports about executives")
        verbose_name_plural = _("proposed addresses for reports about executives")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Category(OrganizationOwned):
    """A kind of matter the organisation handles, with its unit and deadlines."""

    organization: OrganizationKey = organization_fk("complaint_categories")
    name = models.CharField(_("name"), max_length=200)
    responsible_unit = models.CharField(
        _("responsible unit"), max_length=200, help_text=_("For example กองช่าง.")
    )
    acknowledge_days = models.PositiveSmallIntegerField(
        _("days to acknowledge"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    resolve_days = models.PositiveSmallIntegerField(
        _("days to resolve"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    deadline_unit = models.CharField(
        _("deadlines counted in"),
        max_length=12,
        choices=DayUnit.choices,
        default=DayUnit.WORKING,
        help_text=_(
            "Working days skip weekends and Thai public holidays and end at "
            "16:30; calendar days count every day."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("remove personal data after closing (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30)],
        help_text=_("Leave empty to keep the complainant's contact details."),
    )
    keywords = models.CharField(
        _("keywords for the chat"),
        max_length=500,
        blank=True,
        help_text=_(
            "Thai words, separated by commas or spaces, by which the LINE and "
            "Messenger chat recognises this category in what citizens write, "
            "for example ถนน, หลุม, บ่อ. The name counts too."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["organization", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="complaint_category_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CategoryProcedure(ProcedureBase, OrganizationOwned):
    """How the staff handle a category's matters: its staff work manual."""

    tenant_path = "category__organization"

    category = models.OneToOneField(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="procedure",
    )

    class Meta:
        verbose_name = _("category procedure")
        verbose_name_plural = _("category procedures")

    def __str__(self) -> str:
        return str(self.category)


class CategoryProcedureStep(ProcedureStepBase, OrganizationOwned):
    tenant_path = "procedure__category__organization"

    procedure = models.ForeignKey(
        CategoryProcedure,
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="steps",
    )

    class Meta(ProcedureStepBase.Meta):
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")


class Case(OrganizationOwned):
    """One complaint, suggestion, praise or confidential report."""

    organization: OrganizationKey = organization_fk("complaint_cases")
    reference = models.CharField(_("reference"), max_length=20)
    tracking_code = models.CharField(
        _("tracking code"), max_length=12, blank=True, db_index=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("details"))
    location_text = models.CharField(_("location"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Who complained (all optional; a confidential report may be anonymous).
    complainant_name = models.CharField(_("name"), max_length=200, blank=True)
    complainant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    line_user_id = models.CharField(_("LINE user id"), max_length=64, blank=True)
    facebook_psid = models.CharField(_("Facebook user id"), max_length=64, blank=True)
    facebook_last_message_at = models.DateTimeField(null=True, blank=True)
    source_event_id = models.CharField(max_length=100, blank=True, editable=False)
    # Handling.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    assigned_to: MemberKey = member_fk(_("assigned to"))
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    acknowledge_due = models.DateTimeField(_("acknowledge by"), null=True, blank=True)
    resolve_due = models.DateTimeField(_("resolve by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_cases",
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    satisfaction_comment = models.TextField(_("comment on the handling"), blank=True)
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)
    # What the public board and the open data show, once an officer approved it.
    public_subject = models.CharField(
        _("public text"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown on the public board and in open data once approved; "
            "without personal data."
        ),
    )
    public_text_reviewed_at = models.DateTimeField(
        _("public text approved at"), null=True, blank=True
    )
    public_text_reviewed_by: MemberKey = member_fk(_("public text approved by"))
    # Confidential channel.
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    receipt_hash = models.CharField(max_length=200, blank=True, editable=False)
    concerns_executive = models.BooleanField(_("concerns an executive"), default=False)
    # Read by the executives, never by the integrity officers (issue #17).
    concerns_integrity_officer = models.BooleanField(
        _("concerns an integrity officer"), default=False
    )
    external_body = models.CharField(
        _("routed to"), max_length=20, choices=ExternalBody.choices, blank=True
    )
    last_reporter_activity_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"], name="case_unique_reference"
            ),
            models.UniqueConstraint(
                fields=["organization", "tracking_code"],
                condition=~Q(tracking_code=""),
                name="case_unique_tracking_code",
            ),
            models.UniqueConstraint(
                fields=["organization", "receipt_hash"],
                condition=~Q(receipt_hash=""),
                name="case_unique_receipt_hash",
            ),
            models.UniqueConstraint(
                fields=["organization", "source_event_id"],
                condition=~Q(source_event_id=""),
                name="case_unique_source_event",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "kind", "status"], name="case_org_kind_status"
            ),
            # The daily overdue reminder reads only each organisation's open cases.
            models.Index(
                fields=["organization", "resolve_due"],
                condition=Q(status__in=OPEN_STATUSES),
                name="case_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_confidential(self) -> bool:
        return self.kind == Kind.CORRUPTION

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        now = timezone.now()
        # A reply acknowledges a case too (the status may still say received).
        if (
            self.status == Status.RECEIVED
            and self.acknowledged_at is None
            and self.acknowledge_due
        ):
            return deadlines.is_overdue(self.acknowledge_due, now)
        if self.is_open and self.resolve_due:
            return deadlines.is_overdue(self.resolve_due, now)
        return False

    @property
    def public_text(self) -> str:
        """The approved public text, or "" while no officer has approved one."""
        return self.public_subject if self.public_text_reviewed_at else ""

    @property
    def can_rate(self) -> bool:
        return self.status == Status.RESOLVED and self.satisfaction is None


class CaseEntry(OrganizationOwned):
    """One line of a case's history."""

    tenant_path = "case__organization"

    class Type(models.TextChoices):
        RECEIVED = "received", _("Received")
        STATUS = "status", _("Status change")
        ASSIGNMENT = "assignment", _("Assignment")
        NOTE = "note", _("Internal note")
        REPLY = "reply", _("Reply to the complainant")
        MESSAGE = "message", _("Message from the complainant")
        RATING = "rating", _("Satisfaction")
        MERGE = "merge", _("Merge")
        DEADLINE = "deadline", _("Deadline change")
        REOPEN = "reopen", _("Reopened after an unhappy rating")

    class Delivery(models.TextChoices):
        NONE = "", _("Not sent")
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", pgettext_lazy("delivery", "Sent")
        FAILED = "failed", _("Could not be sent")
        PAGE_ONLY = "page", _("On the tracking page only")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="entries"
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    author: MemberKey = member_fk(_("by"))
    text = models.TextField(_("text"), blank=True)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    is_public = models.BooleanField(_("shown to the complainant"), default=False)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, blank=True
    )
    retry_key = models.UUIDField(default=uuid.uuid4, editable=False)
    # A public entry of the case this one was merged into, passed on to its
    # complainant (``services.entry_fan_out``).
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    # The score of a rating entry (1-5), kept with it: the case keeps only
    # the latest rating, the statistics count every one.
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        verbose_name = _("case history entry")
        verbose_name_plural = _("case history entries")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.type}"


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    """Server-made path: never the name the user's file had."""
    return (
        f"complaints/{instance.case.organization_id}/{instance.case_id}/"
        f"{uuid.uuid4().hex}.jpg"
    )


class CaseAttachment(OrganizationOwned):
    """A photo sent with a case, or taken after the fix, re-encoded so that no
    metadata remains."""

    tenant_path = "case__organization"

    class Kind(models.TextChoices):
        REPORT = "report", _("Sent with the case")
        AFTER_FIX = "after_fix", _("After the fix")

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT
    )
    entry = models.ForeignKey(
        CaseEntry,
        verbose_name=_("closure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        help_text=_("For a photo after the fix: the status change that closed it."),
    )
    # Only photos after the fix (public works, not people) may be shown
    # publicly; the photos sent with a case never are.
    is_public = models.BooleanField(_("may be shown publicly"), default=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.file.name


# The chat's records in their own module (size); imported here as before.
from .models_messaging import ChatSession, InboundEvent  # noqa: E402,F401
from .models_uploads import KeptUpload  # noqa: E402,F401  (its own module for size)
