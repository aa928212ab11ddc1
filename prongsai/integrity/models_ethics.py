"""Ethics registers (OIT ``ethics.code``): the code of ethics and the
organisation's rules on the ethics process (versioned), staff
acknowledgements of the code in force, the ethics working group, Dos &
Don'ts guidance and the ethics activities of each fiscal year."""

from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

from .models import YearRecord

__all__ = [
    "EthicsAcknowledgement",
    "EthicsActivity",
    "EthicsDocument",
    "EthicsGuide",
    "EthicsGuideItem",
    "EthicsWorkingGroup",
    "EthicsWorkingGroupMember",
    "EthicsYear",
]

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def ethics_path(instance, filename: str) -> str:
    return f"integrity/{instance.organization_id}/ethics/{filename}"


class EthicsDocument(OrganizationOwned):
    """One version of the code of ethics or of the rules on the ethics
    process. The version with the latest effective date on or before a day
    is the one in force that day; earlier ones stay as history."""

    class Kind(models.TextChoices):
        CODE = "code", _("Code of ethics")
        PROCESS = "process", _("Rules on the ethics process")

    organization = organization_fk("+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    version_label = models.CharField(
        _("version"),
        max_length=100,
        help_text=_("For example: ฉบับที่ 2 or พ.ศ. 2569."),
    )
    effective_from = ThaiDateField(_("in force from"))
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(
        _("signed document (PDF)"),
        upload_to=ethics_path,
        blank=True,
        max_length=300,
        validators=[FileExtensionValidator(["pdf"])],
    )
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("ethics document")
        verbose_name_plural = _("ethics documents")
        ordering = ["organization", "kind", "-effective_from", "-id"]
        indexes = [
            models.Index(
                fields=["organization", "kind", "effective_from"],
                name="ethics_document_kind_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version_label})"


class EthicsAcknowledgement(OrganizationOwned):
    """A member read and acknowledged one version of the code of ethics."""

    organization = organization_fk("+")
    document = models.ForeignKey(
        EthicsDocument,
        verbose_name=_("code of ethics"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    membership = models.ForeignKey(
        "organizations.Membership",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="ethics_acknowledgements",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        verbose_name = _("acknowledgement of the code of ethics")
        verbose_name_plural = _("acknowledgements of the code of ethics")
        ordering = ["organization", "-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "membership"],
                name="ethics_acknowledgement_once_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} / {self.document_id}"


class EthicsWorkingGroup(OrganizationOwned):
    """The order appointing the ethics working group, in force from a date
    (until a later order, or an end date)."""

    organization = organization_fk("+")
    title = models.CharField(
        pgettext_lazy("document title", "title"),
        max_length=300,
        default="คำสั่งแต่งตั้งคณะทำงานด้านจริยธรรม",
    )
    order_number = models.CharField(
        _("order number"), max_length=100, help_text=_("For example: 123/2568.")
    )
    ordered_on = ThaiDateField(_("order date"))
    effective_from = ThaiDateField(_("in force from"))
    effective_until = ThaiDateField(_("in force until"), null=True, blank=True)
    file = models.FileField(
        _("signed order (PDF)"),
        upload_to=ethics_path,
        blank=True,
        max_length=300,
        validators=[FileExtensionValidator(["pdf"])],
    )

    class Meta:
        verbose_name = _("ethics working group")
        verbose_name_plural = _("ethics working groups")
        ordering = ["organization", "-effective_from", "-id"]

    def __str__(self) -> str:
        return f"{self.title} {self.order_number}"


class EthicsWorkingGroupMember(OrganizationOwned):
    """A member of the working group: names and positions are public."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member of the working group")
        SECRETARY = "secretary", _("Secretary")
        ASSISTANT_SECRETARY = "assistant_secretary", _("Assistant secretary")

    organization = organization_fk("+")
    group = models.ForeignKey(
        EthicsWorkingGroup,
        verbose_name=_("ethics working group"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    role = models.CharField(
        _("role in the working group"), max_length=24, choices=Role.choices
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("member of the ethics working group")
        verbose_name_plural = _("members of the ethics working group")
        ordering = ["group", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class EthicsGuide(OrganizationOwned):
    """Dos & Don'ts guidance on grey-area behaviour: a document, a link or
    pairs of what to do and what not to do."""

    organization = organization_fk("+")
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    published_on = ThaiDateField(_("published on"))
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"), upload_to=ethics_path, blank=True, max_length=300
    )
    url = models.URLField(_("link"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("Dos & Don'ts guide")
        verbose_name_plural = _("Dos & Don'ts guides")
        ordering = ["organization", "-published_on", "-id"]

    def __str__(self) -> str:
        return self.title


class EthicsGuideItem(OrganizationOwned):
    """One pair of a guide: what to do, and what not to do."""

    organization = organization_fk("+")
    guide = models.ForeignKey(
        EthicsGuide,
        verbose_name=_("Dos & Don'ts guide"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    do = models.CharField(_("do"), max_length=500, blank=True)
    dont = models.CharField(_("don't"), max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("Dos & Don'ts item")
        verbose_name_plural = _("Dos & Don'ts items")
        ordering = ["guide", "sort_order", "id"]

    def __str__(self) -> str:
        return self.do or self.dont


class EthicsActivity(YearRecord):
    """An ethics activity or training of the fiscal year (its date sets it)."""

    class Kind(models.TextChoices):
        OATH = "oath", _("Oath-taking ceremony")
        TRAINING = "training", _("Training with ethics content")
        COI = "coi", _("Awareness of conflicts of interest")
        CAMPAIGN = "campaign", _("Campaign")
        OTHER = "other", _("Other ethics activity")

    held_on = ThaiDateField(_("date"))
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    participants = models.PositiveIntegerField(
        _("participants"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    participant_members = models.ManyToManyField(
        "organizations.Membership",
        verbose_name=_("members who took part"),
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to=ethics_path, blank=True, max_length=300
    )
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    photo = models.FileField(
        _("photo"),
        upload_to=ethics_path,
        blank=True,
        max_length=300,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
    )

    class Meta:
        verbose_name = _("ethics activity")
        verbose_name_plural = _("ethics activities")
        ordering = ["organization", "held_on", "id"]
        indexes = [
            models.Index(
                fields=["organization", "fiscal_year"], name="ethics_activity_year_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EthicsYear(YearRecord):
    """The ethics page of one fiscal year: what ``core.publications``
    publishes (the public page shows the latest publication only)."""

    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ethics page of a fiscal year")
        verbose_name_plural = _("ethics pages of fiscal years")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"], name="ethics_year_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse(
            "integrity-public:ethics-year",
            kwargs={"org": self.organization.slug, "fiscal_year": self.fiscal_year},
        )
