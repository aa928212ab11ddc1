"""Integrity registers: the No Gift Policy of each fiscal year and the gifts
that members received by custom (later: ethics, conflicts of interest, assets)."""

from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

# The NACC notice on acceptance of property by custom (2563): customary gifts
# from a non-relative up to this value per person per occasion may be kept.
GIFT_LIMIT_BAHT = 3000

NO_GIFT_BODY_TH = (
    "ด้วย{organization}มีเจตนารมณ์ในการบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส "
    "และตรวจสอบได้ ตามนโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ "
    "(No Gift Policy)\n\n"
    "ข้าพเจ้า ในนามของผู้บริหาร พนักงานส่วนท้องถิ่น ลูกจ้าง และพนักงานจ้างทุกคน "
    "ขอประกาศเจตนารมณ์ว่า จะไม่รับ และไม่ให้ ของขวัญ ของกำนัล ทรัพย์สิน "
    "หรือประโยชน์อื่นใด รวมทั้งการเลี้ยงรับรอง จากการปฏิบัติหน้าที่ "
    "ตลอดปีงบประมาณ พ.ศ. {fiscal_year} "
    "และจะปฏิบัติตามประกาศคณะกรรมการ ป.ป.ช. เรื่อง หลักเกณฑ์การรับทรัพย์สิน"
    "หรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ พ.ศ. 2563 โดยเคร่งครัด"
)


def no_gift_path(instance, filename: str) -> str:
    # Files uploaded before the move to this app live under plans/: keep one place.
    return f"plans/{instance.organization_id}/no-gift/{filename}"


class YearRecord(OrganizationOwned):
    """Abstract: a record of one organisation about one Buddhist-era fiscal year."""

    organization = organization_fk("+")
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
        help_text=_("Buddhist-era fiscal year, e.g. 2569."),
    )

    class Meta:
        abstract = True


class NoGiftAnnouncement(YearRecord):
    """The top executive's No Gift announcement of one fiscal year."""

    announced_on = ThaiDateField(_("announced on"))
    executive_name = models.CharField(_("executive's name"), max_length=200)
    executive_position = models.CharField(_("executive's position"), max_length=200)
    body = models.TextField(_("text of the announcement"))
    signed_file = models.FileField(
        _("signed announcement (PDF)"),
        upload_to=no_gift_path,
        blank=True,
        max_length=300,
        validators=[FileExtensionValidator(["pdf"])],
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("No Gift announcement")
        verbose_name_plural = _("No Gift announcements")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="no_gift_announcement_one_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"No Gift Policy {self.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse(
            "integrity-public:no-gift-year",
            kwargs={"org": self.organization.slug, "fiscal_year": self.fiscal_year},
        )


class NoGiftActivity(YearRecord):
    """A culture-building or awareness activity of the year (No Gift, gift rules)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        TRAINING = "training", _("Training")
        CAMPAIGN = "campaign", _("Campaign")
        CIRCULAR = "circular", _("Circular letter")

    held_on = ThaiDateField(_("date"))
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    covers_gift_rules = models.BooleanField(
        _("covers the rules on accepting property by custom"),
        default=False,
        help_text=_(
            "Tick when the activity taught staff the NACC 2563 rules on accepting "
            "property or benefits by custom (and how to report them)."
        ),
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to=no_gift_path, blank=True, max_length=300
    )
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("No Gift activity")
        verbose_name_plural = _("No Gift activities")
        ordering = ["organization", "held_on", "id"]
        indexes = [
            models.Index(
                fields=["organization", "fiscal_year"], name="no_gift_activity_year_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title


class GiftReport(YearRecord):
    """A member's report of property or benefits received by custom."""

    class Action(models.TextChoices):
        KEPT = "kept", _("Kept within the rules")
        RETURNED = "returned", _("Returned to the giver")
        HANDED_OVER = "handed_over", _("Handed to the organisation")
        OTHER = "other", _("Other")

    reporter = models.ForeignKey(
        "organizations.Membership",
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="gift_reports",
    )
    received_on = ThaiDateField(_("received on"))
    giver = models.CharField(_("from whom"), max_length=200)
    relationship = models.CharField(
        _("relationship to the giver"), max_length=200, blank=True
    )
    description = models.CharField(_("what was received"), max_length=500)
    value = models.DecimalField(
        _("estimated value (baht)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    action = models.CharField(_("what was done"), max_length=16, choices=Action.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("gift report")
        verbose_name_plural = _("gift reports")
        ordering = ["organization", "-received_on", "-id"]
        indexes = [
            models.Index(
                fields=["organization", "fiscal_year"], name="gift_report_year_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="gift_report_value_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.received_on})"

    @property
    def over_limit(self) -> bool:
        return self.value > GIFT_LIMIT_BAHT

    @property
    def flagged(self) -> bool:
        """Above the customary limit and kept: the rules say it is not kept."""
        return self.over_limit and self.action == self.Action.KEPT


class GiftNilStatement(YearRecord):
    """The explicit statement that nobody reported a gift in a fiscal year."""

    stated_on = ThaiDateField(_("stated on"))
    stated_by_name = models.CharField(_("stated by"), max_length=200)
    stated_by_position = models.CharField(_("position"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("statement of no gifts received")
        verbose_name_plural = _("statements of no gifts received")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"],
                name="gift_nil_statement_one_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}"


# The asset register, conflicts of interest, ethics and HR registers.
from .models_assets import *  # noqa: E402, F403
from .models_coi import *  # noqa: E402, F403
from .models_ethics import *  # noqa: E402, F403
from .models_hr import *  # noqa: E402, F403
