"""Forms of the asset register and its loans. Services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.accounts.models import User
from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput
from prongsai.organizations.selectors import membership_list

from .models_assets import Asset, AssetLoanRules
from .services_assets import LineRequest
from .services_assets_loans import LineReturn

DATE_WIDGET = ThaiDateInput()
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _member_label(m) -> str:
    return (
        f"{m.user.display_name} ({m.position})" if m.position else m.user.display_name
    )


class AssetForm(forms.ModelForm):
    custodian = forms.ModelChoiceField(
        label=_("Custodian"),
        queryset=None,
        required=False,
        help_text=_("The member who looks after it and decides its loans."),
    )

    class Meta:
        model = Asset
        fields = [
            "code",
            "name",
            "category",
            "quantity",
            "unit",
            "location",
            "custodian",
            "condition",
            "unit_value",
            "acquired_on",
            "acquisition",
            "lendable_to_staff",
            "lendable_to_public",
            "photo",
            "note",
        ]
        widgets = {
            "acquired_on": DATE_WIDGET,
            "note": TEXTAREA,
            "photo": forms.ClearableFileInput(attrs={"accept": "image/*"}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        memberships = membership_list(organization=organization)
        field = self.fields["custodian"]
        field.queryset = User.objects.filter(
            pk__in=memberships.values_list("user_id", flat=True)
        ).order_by("full_name", "email")
        field.label_from_instance = lambda user: user.display_name
        if self.instance.pk:
            field.initial = self.instance.custodian_id


class LoanDatesForm(forms.Form):
    start_on = ThaiDateFormField(label=_("From"), widget=DATE_WIDGET)
    end_on = ThaiDateFormField(label=_("Until"), widget=DATE_WIDGET)


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap classes on the widgets (the forms are laid out by hand)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css
        if field.required:
            widget.attrs.setdefault("aria-required", "true")


class _LoanLinesMixin:
    """One quantity box per lendable asset (``q_<asset id>``)."""

    assets: list[Asset]

    def _add_quantities(self) -> None:
        for asset in self.assets:
            self.fields[f"q_{asset.pk}"] = forms.IntegerField(  # type: ignore[attr-defined]
                label=asset.name,
                min_value=0,
                max_value=asset.quantity,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def quantity_fields(self):
        return [(asset, self[f"q_{asset.pk}"]) for asset in self.assets]  # type: ignore[index]

    def lines(self) -> list[LineRequest]:
        data = self.cleaned_data  # type: ignore[attr-defined]
        return [
            LineRequest(asset=asset, quantity=data.get(f"q_{asset.pk}") or 0)
            for asset in self.assets
            if data.get(f"q_{asset.pk}")
        ]


class StaffLoanForm(_LoanLinesMixin, forms.Form):
    borrower = forms.ModelChoiceField(label=_("Borrower"), queryset=None)
    start_on = ThaiDateFormField(label=_("From"), widget=DATE_WIDGET)
    end_on = ThaiDateFormField(label=_("Until"), widget=DATE_WIDGET)
    purpose = forms.CharField(label=_("Official purpose"), max_length=500)
    place = forms.CharField(label=_("Place of use"), max_length=300, required=False)

    def __init__(self, *args, organization, assets, membership, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.assets = list(assets)
        field = self.fields["borrower"]
        field.queryset = membership_list(organization=organization)
        field.label_from_instance = _member_label
        field.initial = getattr(membership, "pk", None)
        if not manager:
            field.queryset = field.queryset.filter(pk=getattr(membership, "pk", None))
            field.disabled = True
        self._add_quantities()
        _bootstrap(self)


class CitizenLoanForm(_LoanLinesMixin, forms.Form):
    start_on = ThaiDateFormField(label=_("Borrow from"), widget=DATE_WIDGET)
    end_on = ThaiDateFormField(label=_("Return by"), widget=DATE_WIDGET)
    name = forms.CharField(label=_("Your name"), max_length=200)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("For news of your request and a reminder to return the items."),
    )
    address = forms.CharField(
        label=_("Address (optional)"), max_length=300, required=False
    )
    purpose = forms.CharField(
        label=_("What are the items for?"),
        max_length=500,
        help_text=_(
            "For example: a funeral, a merit-making ceremony, a village meeting."
        ),
    )
    place = forms.CharField(label=_("Where will they be used?"), max_length=300)
    privacy_accepted = forms.BooleanField(
        label=_(
            "I agree that the organisation keeps my name and phone number to "
            "handle this loan."
        ),
        required=True,
    )

    def __init__(self, *args, assets, **kwargs):
        super().__init__(*args, **kwargs)
        self.assets = list(assets)
        self._add_quantities()
        _bootstrap(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, max_length=2000)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Condition of the items when handed over"),
        widget=TEXTAREA,
        required=False,
        max_length=2000,
    )


class ReturnForm(forms.Form):
    returned_on = ThaiDateFormField(label=_("Returned on"), widget=DATE_WIDGET)
    return_note = forms.CharField(
        label=_("Damage or missing items"),
        widget=TEXTAREA,
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, loan, **kwargs):
        super().__init__(*args, **kwargs)
        self.loan_lines = list(loan.lines.select_related("asset"))
        for line in self.loan_lines:
            self.fields[f"back_{line.pk}"] = forms.IntegerField(
                label=_("How many of “%(asset)s” came back")
                % {"asset": line.asset.name},
                min_value=0,
                max_value=line.quantity,
                initial=line.quantity,
            )
            self.fields[f"condition_{line.pk}"] = forms.ChoiceField(
                label=_("Condition of “%(asset)s”") % {"asset": line.asset.name},
                choices=Asset.Condition.choices,
                initial=Asset.Condition.GOOD,
            )
        _bootstrap(self)

    def returns(self) -> list[LineReturn]:
        return [
            LineReturn(
                line_id=line.pk,
                quantity=self.cleaned_data[f"back_{line.pk}"],
                condition=self.cleaned_data[f"condition_{line.pk}"],
            )
            for line in self.loan_lines
        ]

    def line_fields(self):
        return [
            (line, self[f"back_{line.pk}"], self[f"condition_{line.pk}"])
            for line in self.loan_lines
        ]


class LoanRulesForm(forms.ModelForm):
    class Meta:
        model = AssetLoanRules
        fields = ["title", "text", "pdf"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 12}),
            "pdf": forms.ClearableFileInput(attrs={"accept": ".pdf"}),
        }
        help_texts = {
            "text": _(
                "Who may borrow what, how to ask, how long, who approves, "
                "returning and damage. Shown on the public borrowing page once "
                "published."
            ),
        }
