"""Forms of the conflict-of-interest registers. Services do the writing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates
from prongsai.core.date_fields import ThaiDateFormField
from prongsai.procurement.identifiers import clean_digits, is_valid_thai_id

from .models_coi import CoiCommitteeDeclaration, CoiDeclaration, CoiFlag, CoiInterest

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _year_choices() -> list[tuple[int, int]]:
    current = thai_dates.fiscal_year(timezone.localdate())
    return [(year, year) for year in (current + 1, current, current - 1)]


class CoiDeclarationForm(forms.Form):
    """The member's own declaration (yearly or ad hoc)."""

    fiscal_year = forms.TypedChoiceField(
        label=_("Fiscal year"), coerce=int, choices=(), required=False
    )
    declared_on = ThaiDateFormField(
        label=_("Date of the declaration"), help_text=_("For example 15/10/2569.")
    )
    nothing_to_declare = forms.BooleanField(
        label=_("I have nothing to declare"),
        required=False,
        help_text=_(
            "Neither you nor your spouse, children, parents or siblings have a "
            "company, business, shareholding, directorship or benefit that may "
            "deal with the organisation."
        ),
    )
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == CoiDeclaration.Kind.YEARLY:
            field = self.fields["fiscal_year"]
            field.choices = _year_choices()  # type: ignore[attr-defined]  # a ChoiceField
            field.required = True
            field.initial = thai_dates.fiscal_year(timezone.localdate())
        else:
            del self.fields["fiscal_year"]
            del self.fields["nothing_to_declare"]
        self.fields["declared_on"].initial = timezone.localdate()


class CoiInterestForm(forms.ModelForm):
    class Meta:
        model = CoiInterest
        fields = ["kind", "name", "tax_id", "relationship", "description", "value"]
        widgets = {"description": TEXTAREA}
        labels = {
            "kind": _("Kind of interest"),
            "name": _("Company or person"),
            "tax_id": _("Tax ID (13 digits)"),
            "relationship": _("Whose interest"),
            "value": _("Estimated value in baht"),
        }
        help_texts = {
            "name": _("For example: บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด."),
            "tax_id": _(
                "The company's 13-digit tax ID if you know it (Thai digits and "
                "dashes are fine): it makes the cross-check exact."
            ),
            "relationship": _("You, or the relative the interest belongs to."),
            "description": _(
                "For example: my spouse is a director; "
                "I hold 10 per cent of the shares."
            ),
        }

    def clean_tax_id(self) -> str:
        value = clean_digits(self.cleaned_data.get("tax_id") or "")
        if value and not is_valid_thai_id(value):
            raise ValidationError(
                _(
                    "“%(value)s” is not a valid 13-digit Thai tax ID (check the "
                    "digits and the last check digit)."
                ),
                params={"value": value},
            )
        return value


class CoiCommitteeForm(forms.ModelForm):
    declared_on = ThaiDateFormField(label=_("Date of the declaration"))

    class Meta:
        model = CoiCommitteeDeclaration
        fields = ["role", "has_interest", "details", "declared_on"]
        widgets = {
            "details": TEXTAREA,
            "has_interest": forms.RadioSelect(
                choices=[(False, _("No interest")), (True, _("I have an interest"))]
            ),
        }
        labels = {
            "role": _("Committee"),
            "has_interest": _("Interest in the bidders or the supplier"),
            "details": _("Details"),
        }
        help_texts = {
            "details": _(
                "With whom and what the interest is (required when you have one)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["has_interest"]
        field.required = False
        self.fields["declared_on"].initial = timezone.localdate()
        self.initial.setdefault("has_interest", False)


class CoiFlagReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (CoiFlag.Status.NO_CONFLICT, CoiFlag.Status.NO_CONFLICT.label),
            (CoiFlag.Status.ACTION_TAKEN, CoiFlag.Status.ACTION_TAKEN.label),
        ],
        widget=forms.RadioSelect,
    )
    review_note = forms.CharField(
        label=_("What was checked and decided"),
        widget=TEXTAREA,
        help_text=_(
            "For example: the official was not on the committee; or the "
            "official was withdrawn from the evaluation committee."
        ),
    )
