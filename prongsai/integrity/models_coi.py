"""Conflict-of-interest registers: members' declarations of interests (yearly
and ad hoc), procurement committee declarations, and the flags raised where a
declared company is a supplier or bidder of the organisation's procurement."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned
from prongsai.procurement.models import validate_tax_id

from .models import YearRecord

__all__ = [
    "CoiCommitteeDeclaration",
    "CoiDeclaration",
    "CoiFlag",
    "CoiInterest",
]


class CoiDeclaration(YearRecord):
    """A member's declaration of interests: the yearly one or an ad hoc one."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Yearly declaration")
        AD_HOC = "ad_hoc", _("Ad hoc declaration")

    declarant = models.ForeignKey(
        "organizations.Membership",
        verbose_name=_("declarant"),
        on_delete=models.CASCADE,
        related_name="coi_declarations",
    )
    kind = models.CharField(
        _("kind of declaration"), max_length=8, choices=Kind.choices
    )
    declared_on = ThaiDateField(_("declared on"))
    nothing_to_declare = models.BooleanField(_("nothing to declare"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("declaration of interests")
        verbose_name_plural = _("declarations of interests")
        ordering = ["organization", "-fiscal_year", "-declared_on", "-id"]
        indexes = [
            models.Index(
                fields=["organization", "fiscal_year"], name="coi_declaration_year_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year", "declarant"],
                condition=Q(kind="yearly"),
                name="coi_declaration_one_yearly",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.fiscal_year}"


class CoiInterest(OrganizationOwned):
    """One declared interest: a company or person the declarant is tied to."""

    class Kind(models.TextChoices):
        RELATIVE_COMPANY = "relative_company", _("A relative's company")
        SIDE_BUSINESS = "side_business", _("Own side business")
        SHAREHOLDING = "shareholding", _("Shareholding or directorship")
        GIFT = "gift", _("Gift or benefit beyond the limit")
        OTHER = "other", _("Other")

    class Relationship(models.TextChoices):
        SELF = "self", _("Self")
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Sibling")
        OTHER = "other", _("Other")

    organization = organization_fk("+")
    declaration = models.ForeignKey(
        CoiDeclaration,
        verbose_name=_("declaration of interests"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    kind = models.CharField(_("kind of interest"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("company or person"), max_length=300)
    tax_id = models.CharField(
        _("tax ID"), max_length=13, blank=True, validators=[validate_tax_id]
    )
    relationship = models.CharField(
        _("relationship"), max_length=10, choices=Relationship.choices
    )
    description = models.TextField(_("description"), blank=True)
    value = models.DecimalField(
        _("estimated value (baht)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("declared interest")
        verbose_name_plural = _("declared interests")
        ordering = ["declaration", "id"]

    def __str__(self) -> str:
        # The audit trail keeps this text: the kind, never whose company.
        return str(self.get_kind_display())


class CoiCommitteeDeclaration(OrganizationOwned):
    """A procurement committee member's declaration on one procurement."""

    class Role(models.TextChoices):
        TOR = "tor", _("Terms of reference and reference price")
        EVALUATION = "evaluation", _("Bid evaluation")
        INSPECTION = "inspection", _("Inspection")

    organization = organization_fk("+")
    procurement = models.ForeignKey(
        "procurement.Procurement",
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    member = models.ForeignKey(
        "organizations.Membership",
        verbose_name=_("committee member"),
        on_delete=models.CASCADE,
        related_name="coi_committee_declarations",
    )
    role = models.CharField(
        pgettext_lazy("committee", "committee"), max_length=12, choices=Role.choices
    )
    has_interest = models.BooleanField(_("has an interest"))
    details = models.TextField(_("details"), blank=True)
    declared_on = ThaiDateField(_("declared on"))
    recorded_by = member_fk(_("recorded by"))

    class Meta:
        verbose_name = _("committee declaration")
        verbose_name_plural = _("committee declarations")
        ordering = ["procurement", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "member", "role"],
                name="coi_committee_one_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}"


class CoiFlag(OrganizationOwned):
    """A declared interest found among a procurement's supplier or bidders."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("flag status", "Open")
        NO_CONFLICT = "no_conflict", _("Reviewed: no conflict")
        ACTION_TAKEN = "action_taken", _("Action taken")

    class Source(models.TextChoices):
        SELECTED = "selected", _("Selected supplier")
        BIDDER = "bidder", _("Bidder")

    class MatchedOn(models.TextChoices):
        TAX_ID = "tax_id", _("Tax ID")
        NAME = "name", _("Name")

    organization = organization_fk("+")
    interest = models.ForeignKey(
        CoiInterest,
        verbose_name=_("declared interest"),
        on_delete=models.CASCADE,
        related_name="flags",
    )
    procurement = models.ForeignKey(
        "procurement.Procurement",
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    supplier = models.ForeignKey(
        "procurement.Supplier",
        verbose_name=_("supplier"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    source = models.CharField(_("found as"), max_length=10, choices=Source.choices)
    matched_on = models.CharField(
        _("matched on"), max_length=8, choices=MatchedOn.choices
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    review_note = models.TextField(_("integrity officer's note"), blank=True)
    reviewed_by = member_fk(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("conflict-of-interest flag")
        verbose_name_plural = _("conflict-of-interest flags")
        ordering = ["organization", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interest", "procurement", "supplier"],
                name="coi_flag_one_per_match",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"
