"""The asset register (ทะเบียนครุภัณฑ์) and the loans of its assets to staff
(for official use) and to citizens (tents, chairs, sound systems for village
events), IIT indicator 4."""

from __future__ import annotations

from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

from .models import YearRecord

__all__ = ["Asset", "AssetLoan", "AssetLoanLine", "AssetLoanRules", "LoanStatus"]


def asset_photo_path(instance, filename: str) -> str:
    return f"integrity/{instance.organization_id}/assets/{filename}"


class Asset(OrganizationOwned):
    """One entry of the register: an item, or a lot of identical items."""

    class Category(models.TextChoices):
        TENT = "tent", _("Tents and canopies")
        FURNITURE = "furniture", _("Tables and chairs")
        SOUND = "sound", _("Sound systems")
        VEHICLE = "vehicle", _("Vehicles")
        COMPUTER = "computer", _("Computers and projectors")
        OFFICE = "office", _("Office equipment")
        TOOLS = "tools", _("Tools and machines")
        OTHER = "other", _("Other")

    class Condition(models.TextChoices):
        GOOD = "good", _("Good")
        NEEDS_REPAIR = "needs_repair", _("Needs repair")
        DAMAGED = "damaged", _("Damaged")
        WRITTEN_OFF = "written_off", _("Written off")

    class Acquisition(models.TextChoices):
        PURCHASE = "purchase", _("Purchase")
        DONATION = "donation", _("Donation")
        OTHER = "other", _("Other")

    organization = organization_fk("integrity_assets")
    code = models.CharField(
        _("asset number"),
        max_length=60,
        help_text=_("The number in the asset register, e.g. 001-2567-0001."),
    )
    name = models.CharField(_("asset name"), max_length=200)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    location = models.CharField(_("kept at"), max_length=200, blank=True)
    custodian = member_fk(_("custodian"), related_name="integrity_custodian_assets")
    condition = models.CharField(
        _("condition"), max_length=16, choices=Condition.choices, default=Condition.GOOD
    )
    photo = models.ImageField(
        _("photo"), upload_to=asset_photo_path, blank=True, max_length=300
    )
    unit_value = models.DecimalField(
        _("unit value (baht)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    acquired_on = ThaiDateField(_("acquired on"), null=True, blank=True)
    acquisition = models.CharField(
        _("acquired by"),
        max_length=16,
        choices=Acquisition.choices,
        default=Acquisition.PURCHASE,
    )
    quantity = models.PositiveIntegerField(
        _("quantity"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("A lot of 100 chairs is one entry with quantity 100."),
    )
    unit = models.CharField(_("counting unit"), max_length=30, default="ชิ้น")
    lendable_to_staff = models.BooleanField(_("staff may borrow it"), default=True)
    lendable_to_public = models.BooleanField(_("citizens may borrow it"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["organization", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="integrity_asset_unique_code"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="integrity_asset_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def lendable_stock(self) -> int:
        """How many may be lent at all: none once damaged or written off."""
        if self.condition in (self.Condition.DAMAGED, self.Condition.WRITTEN_OFF):
            return 0
        return self.quantity

    def get_staff_url(self) -> str:
        return reverse(
            "integrity-staff:asset-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )


class LoanStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    HANDED_OVER = "handed_over", _("Handed over")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", _("Cancelled")


# Loans whose items are taken: they count against what an asset has.
BOOKED_STATUSES = (LoanStatus.APPROVED, LoanStatus.HANDED_OVER)
OPEN_LOAN_STATUSES = (
    LoanStatus.REQUESTED,
    LoanStatus.APPROVED,
    LoanStatus.HANDED_OVER,
)


class AssetLoan(YearRecord):
    """A request to borrow assets for some days, and what became of it."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff, for official use")
        CITIZEN = "citizen", pgettext_lazy("borrower", "Citizen")

    Status = LoanStatus

    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("borrower"), max_length=8, choices=Kind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=LoanStatus.choices,
        default=LoanStatus.REQUESTED,
    )
    borrower = member_fk(_("borrowing member"), related_name="integrity_asset_loans")
    borrower_name = models.CharField(_("borrower's name"), max_length=200)
    borrower_phone = models.CharField(_("phone"), max_length=20, blank=True)
    borrower_email = models.EmailField(_("e-mail"), blank=True)
    borrower_address = models.CharField(_("address"), max_length=300, blank=True)
    purpose = models.CharField(_("purpose"), max_length=500)
    place = models.CharField(_("place of use"), max_length=300, blank=True)
    start_on = ThaiDateField(_("from"))
    end_on = ThaiDateField(_("until"))
    service_request = models.OneToOneField(
        "eservices.ServiceRequest",
        verbose_name=_("E-Service request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="integrity_asset_loan",
    )
    created_by = member_fk(_("created by"))
    decided_by = member_fk(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    handed_over_by = member_fk(_("handed over by"))
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    handover_note = models.TextField(_("condition when handed over"), blank=True)
    returned_on = ThaiDateField(_("returned on"), null=True, blank=True)
    received_back_by = member_fk(_("received back by"))
    return_note = models.TextField(_("damage note"), blank=True)
    personal_data_removed_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("asset loan")
        verbose_name_plural = _("asset loans")
        ordering = ["organization", "-start_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year", "number"],
                name="integrity_asset_loan_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")),
                name="integrity_asset_loan_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "status", "end_on"],
                name="integrity_loan_status_idx",
            ),
            # The daily overdue reminder reads only the loans handed over,
            # across every organisation.
            models.Index(
                fields=["end_on"],
                condition=Q(status=LoanStatus.HANDED_OVER),
                name="integrity_loan_out_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.fiscal_year}"

    def is_overdue(self, today) -> bool:
        return self.status == LoanStatus.HANDED_OVER and self.end_on < today

    @property
    def returned_late(self) -> bool:
        return self.returned_on is not None and self.returned_on > self.end_on

    @property
    def returned_damaged(self) -> bool:
        return self.status == LoanStatus.RETURNED and any(
            line.is_damaged for line in self.lines.all()
        )

    def get_staff_url(self) -> str:
        return reverse(
            "integrity-staff:loan-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )


class AssetLoanLine(OrganizationOwned):
    """One asset of a loan, how many, and how many came back in what condition."""

    tenant_path = "loan__organization"

    loan = models.ForeignKey(
        AssetLoan,
        verbose_name=_("loan"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        on_delete=models.PROTECT,
        related_name="loan_lines",
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    returned_quantity = models.PositiveIntegerField(
        _("quantity returned"), null=True, blank=True
    )
    return_condition = models.CharField(
        _("condition when returned"),
        max_length=16,
        choices=Asset.Condition.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("loan line")
        verbose_name_plural = _("loan lines")
        ordering = ["loan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "asset"], name="integrity_loan_line_one_per_asset"
            )
        ]

    def __str__(self) -> str:
        return f"{self.asset} × {self.quantity}"

    @property
    def missing(self) -> int:
        if self.returned_quantity is None:
            return 0
        return max(self.quantity - self.returned_quantity, 0)

    @property
    def is_damaged(self) -> bool:
        return self.missing > 0 or self.return_condition in (
            Asset.Condition.DAMAGED,
            Asset.Condition.WRITTEN_OFF,
        )


def loan_rules_path(instance, filename: str) -> str:
    return f"integrity/{instance.organization_id}/loan-rules/{filename}"


class AssetLoanRules(OrganizationOwned):
    """The organisation's rules on borrowing its assets (ระเบียบการยืมพัสดุ):
    the draft the officers edit; the public reads its latest publication."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="integrity_asset_loan_rules",
    )
    title = models.CharField(
        _("title"), max_length=300, default="หลักเกณฑ์การยืมพัสดุและครุภัณฑ์"
    )
    text = models.TextField(_("text of the rules"), blank=True)
    pdf = models.FileField(
        _("signed rules (PDF)"),
        upload_to=loan_rules_path,
        blank=True,
        max_length=300,
        validators=[FileExtensionValidator(["pdf"])],
    )
    updated_by = member_fk(_("updated by"))

    class Meta:
        verbose_name = _("rules on borrowing assets")
        verbose_name_plural = _("rules on borrowing assets")

    def __str__(self) -> str:
        return self.title
