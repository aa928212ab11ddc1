"""The procurement register of an organisation.

One ``Procurement`` per contracting process, with its bidders, documents and
the selected supplier; the annual plan; explicit "no procurement this month"
declarations; officers' notes for the annual report; imports awaiting
confirmation; per-organisation thresholds of the risk indicators.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.fields import EncryptedTextField
from prongsai.core.model_fields import ThaiDateField, organization_fk
from prongsai.core.models import OrganizationOwned, OrganizationSettings
from prongsai.core.tenancy import TenantQuerySet

from . import identifiers
from .fields import fiscal_year_field, money_field, optional_date
from .vocab import (
    BudgetCategory,
    DocumentKind,
    FundSource,
    Method,
    ProcurementType,
    Status,
)


def validate_tax_id(value: str) -> None:
    if identifiers.is_masked_id(value):
        return
    if not identifiers.is_valid_thai_id(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid 13-digit Thai tax ID (check the "
                "digits and the last check digit)."
            ),
            params={"value": value},
        )


class Supplier(OrganizationOwned):
    """An operator (ผู้ประกอบการ) that bid or was selected, per organisation."""

    organization = organization_fk("procurement_suppliers")
    name = models.CharField(_("name"), max_length=300)
    tax_id = models.CharField(
        _("tax ID"),
        max_length=13,
        blank=True,
        validators=[validate_tax_id],
        help_text=_(
            "13 digits. A company's number is published; a natural person's "
            "ID is always masked."
        ),
    )

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "tax_id"],
                condition=~Q(tax_id=""),
                name="procurement_supplier_unique_tax_id",
            ),
            models.UniqueConstraint(
                fields=["organization", "name"],
                condition=Q(tax_id=""),
                name="procurement_supplier_unique_name_without_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_juristic(self) -> bool:
        return identifiers.is_juristic_id(self.tax_id)

    @property
    def published_tax_id(self) -> str:
        return identifiers.mask_id(self.tax_id)


class PlanItem(OrganizationOwned):
    """One line of the annual procurement plan (แผนการจัดซื้อจัดจ้างประจำปี)."""

    organization = organization_fk("procurement_plan_items")
    fiscal_year = fiscal_year_field()
    title = models.CharField(_("project"), max_length=500)
    budget_category = models.CharField(
        _("budget category"), max_length=20, choices=BudgetCategory.choices
    )
    budget_amount = money_field(_("approximate amount (baht)"))
    method = models.CharField(
        _("expected method"), max_length=30, choices=Method.choices
    )
    expected_month = ThaiDateField(
        _("expected month"), help_text=_("Any day of the month procurement is due.")
    )
    published_on = optional_date(_("plan published on"))

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["fiscal_year", "expected_month", "title"]
        indexes = [models.Index(fields=["organization", "fiscal_year"])]

    def __str__(self) -> str:
        return self.title


class ProcurementQuerySet(TenantQuerySet):
    def with_status(self, status: str, *, today: datetime.date | None = None):
        """Filter by the derived status (see ``Procurement.status``)."""
        today = today or timezone.localdate()
        live = self.filter(cancelled=False)
        if status == Status.CANCELLED:
            return self.filter(cancelled=True)
        if status == Status.PLANNED:
            return live.filter(contract_date__isnull=True)
        if status == Status.COMPLETED:
            return live.filter(contract_date__isnull=False, contract_end__lt=today)
        if status == Status.ACTIVE:
            return live.filter(contract_date__isnull=False).filter(
                Q(contract_end__isnull=True) | Q(contract_end__gte=today)
            )
        return self.none()


class Procurement(OrganizationOwned):
    """One contracting process, from budget line to payment."""

    organization = organization_fk("procurements")
    fiscal_year = fiscal_year_field()
    procured_on = ThaiDateField(
        _("procurement date"),
        help_text=_(
            "The date the purchase or hire was made; it decides the month of "
            "the monthly summary."
        ),
    )
    # Budget link
    budget_plan = models.CharField(_("programme (แผนงาน)"), max_length=200, blank=True)
    budget_work = models.CharField(_("work (งาน)"), max_length=200, blank=True)
    budget_category = models.CharField(
        _("budget category"), max_length=20, choices=BudgetCategory.choices
    )
    expense_type = models.CharField(
        _("expense type"),
        max_length=200,
        blank=True,
        help_text=_("หมวด/ประเภทรายจ่าย, e.g. ค่าวัสดุ or ค่าที่ดินและสิ่งก่อสร้าง."),
    )
    budget_line = models.CharField(_("budget line"), max_length=500, blank=True)
    fund_source = models.CharField(
        _("source of funds"),
        max_length=20,
        choices=FundSource.choices,
        default=FundSource.BUDGET_ORDINANCE,
    )
    # What and how
    title = models.CharField(_("procured work"), max_length=500)
    procurement_type = models.CharField(
        _("type"), max_length=20, choices=ProcurementType.choices
    )
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    legal_ground = models.CharField(
        _("legal ground"),
        max_length=200,
        blank=True,
        help_text=_("For example มาตรา 56(2)(ข)."),
    )
    budget_amount = money_field(_("budget amount (baht)"))
    reference_price = money_field(_("reference price (baht)"), optional=True)
    egp_project_number = models.CharField(
        _("e-GP project number"),
        max_length=11,
        blank=True,
        help_text=_("11 digits; the first two are the Buddhist-era year."),
    )
    # Outcome
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("selected supplier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    agreed_price = money_field(_("agreed price (baht)"), optional=True)
    selection_reason = models.CharField(
        _("reason for selection"), max_length=500, blank=True
    )
    contract_number = models.CharField(
        _("contract or PO number"), max_length=100, blank=True
    )
    contract_date = optional_date(_("contract date"))
    contract_start = optional_date(_("contract start"))
    contract_end = optional_date(_("contract end"))
    inspection_date = optional_date(_("inspection date"))
    payment_date = optional_date(_("payment date"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procurements",
    )
    import_key = models.CharField(
        _("import key"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Natural key of an imported row, so that re-imports update it."),
    )
    sources = models.JSONField(
        _("sources of the values"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Per field: the file, feed or hand entry its value came from."),
    )

    objects = ProcurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        ordering = ["-procured_on", "-id"]
        indexes = [
            # A year's records newest first (read backwards), oldest first
            # (exports) and the list of years (one probe per year).
            models.Index(
                fields=["organization", "fiscal_year", "procured_on", "id"],
                name="proc_org_year_date_id_idx",
            ),
            models.Index(
                fields=["organization", "-procured_on", "-id"],
                name="proc_org_newest_idx",
            ),
            models.Index(fields=["organization", "method"], name="proc_org_method_idx"),
            # Matching incoming purchases reads the register by date window.
            models.Index(
                fields=["organization", "contract_date"], name="proc_org_contract_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "egp_project_number"],
                condition=~Q(egp_project_number=""),
                name="procurement_unique_egp_number",
            ),
            models.UniqueConstraint(
                fields=["organization", "import_key"],
                condition=~Q(import_key=""),
                name="procurement_unique_import_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "procurement-public:detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )

    def status_on(self, today: datetime.date) -> str:
        if self.cancelled:
            return Status.CANCELLED
        if self.contract_date is None:
            return Status.PLANNED
        if self.contract_end is not None and self.contract_end < today:
            return Status.COMPLETED
        return Status.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def savings(self) -> Decimal | None:
        if self.reference_price is None or self.agreed_price is None:
            return None
        return self.reference_price - self.agreed_price

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        number = self.egp_project_number
        if number and not identifiers.is_valid_egp_number(number):
            errors.setdefault("egp_project_number", []).append(
                _(
                    "The e-GP project number is 11 digits, the first two the "
                    "Buddhist-era year, e.g. 68049205582."
                )
            )
        elif (
            number
            and self.fiscal_year
            and not identifiers.is_valid_egp_number(
                number, fiscal_year=self.fiscal_year
            )
        ):
            errors.setdefault("egp_project_number", []).append(
                _(
                    "The e-GP project number starts with %(prefix)s, which does "
                    "not match fiscal year %(year)s."
                )
                % {"prefix": number[:2], "year": self.fiscal_year}
            )
        if (
            self.contract_start
            and self.contract_end
            and self.contract_end < self.contract_start
        ):
            errors.setdefault("contract_end", []).append(
                _("The contract cannot end before it starts.")
            )
        if self.agreed_price is not None and self.supplier_id is None:
            errors.setdefault("supplier", []).append(
                _("Name the selected supplier when there is an agreed price.")
            )
        if errors:
            raise ValidationError(errors)


def _procurement_fk(related_name: str) -> models.ForeignKey[Procurement, Procurement]:
    return models.ForeignKey(
        Procurement,
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class Bid(OrganizationOwned):
    """A bidder and the price it offered (รายชื่อผู้เสนอราคาและราคาที่เสนอ)."""

    tenant_path = "procurement__organization"

    procurement = _procurement_fk("bids")
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("bidder"),
        on_delete=models.PROTECT,
        related_name="bids",
    )
    price = money_field(_("price offered (baht)"))

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["price", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "supplier"], name="bid_one_per_supplier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.price}"


class ProcurementDocument(OrganizationOwned):
    """An announcement or document of a procurement: a file or a link, dated."""

    tenant_path = "procurement__organization"

    procurement = _procurement_fk("documents")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("document title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to="procurement/documents/%Y/%m/", blank=True
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    published_on = ThaiDateField(_("published on"))

    class Meta:
        verbose_name = _("procurement document")
        verbose_name_plural = _("procurement documents")
        ordering = ["published_on", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Attach a file or give a link (one of them)."))

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


class NoProcurementMonth(OrganizationOwned):
    """An explicit "no procurement this month" record (ไม่มีการจัดซื้อจัดจ้าง)."""

    organization = organization_fk("no_procurement_months")
    month = ThaiDateField(_("month"), help_text=_("The first day of the month."))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("month without procurement")
        verbose_name_plural = _("months without procurement")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "month"], name="no_procurement_month_unique"
            )
        ]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")


class AnnualReportNote(OrganizationOwned):
    """The officer's problems and proposals for a fiscal year's annual report."""

    organization = organization_fk("procurement_report_notes")
    fiscal_year = fiscal_year_field()
    problems = models.TextField(_("problems and constraints"), blank=True)
    proposals = models.TextField(_("improvement proposals"), blank=True)

    class Meta:
        verbose_name = _("annual report note")
        verbose_name_plural = _("annual report notes")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"], name="report_note_unique_year"
            )
        ]

    def __str__(self) -> str:
        return str(self.fiscal_year)


class ProcurementSettings(OrganizationSettings):
    """Per-organisation thresholds of the risk indicators (legal amounts may
    change) and whether the public sees the indicators."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="procurement_settings",
    )
    specific_method_limit = money_field(
        _("specific-method limit (baht)"), default=Decimal("500000")
    )
    split_margin_percent = models.PositiveSmallIntegerField(
        _("split-purchase margin (%)"),
        default=10,
        validators=[MaxValueValidator(50)],
        help_text=_("Purchases within this share below the limit count as near it."),
    )
    supplier_share_percent = models.PositiveSmallIntegerField(
        _("large supplier share (%)"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    public_indicators = models.BooleanField(
        _("show risk indicators to the public"),
        default=False,
        help_text=_(
            "Officers always see the risk indicators. When this is on, the "
            "public pages and the public annual report show them too, with the "
            "note that they are not findings of wrongdoing."
        ),
    )
    # The e-GP feed (``services_feed``): contracts from the CGD open API and
    # announcements from the e-GP RSS, fetched daily.
    egp_department_code = models.CharField(
        _("e-GP department code"),
        max_length=20,
        blank=True,
        help_text=_("The organisation's code in e-GP (รหัสหน่วยงาน), not the DLA code."),
    )
    cgd_api_key = EncryptedTextField(_("CGD open API key"), blank=True)
    egp_fetched_at = models.DateTimeField(
        _("e-GP last fetched at"), null=True, blank=True
    )
    egp_outcome = models.CharField(_("e-GP last outcome"), max_length=20, blank=True)
    egp_result = models.JSONField(_("e-GP last result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("procurement settings")
        verbose_name_plural = _("procurement settings")


from .models_feed import EgpAnnouncement, EgpDepartment  # noqa: E402
from .models_imports import ImportBatch, ImportProblem, ImportRow  # noqa: E402
from .models_indicators import ProcurementYear, RiskIndicator  # noqa: E402

__all__ = [
    "AnnualReportNote",
    "Bid",
    "EgpAnnouncement",
    "EgpDepartment",
    "ImportBatch",
    "ImportProblem",
    "ImportRow",
    "NoProcurementMonth",
    "PlanItem",
    "Procurement",
    "ProcurementDocument",
    "ProcurementSettings",
    "ProcurementYear",
    "RiskIndicator",
    "Supplier",
]
