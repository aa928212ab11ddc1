from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.accounts.models import User
from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput

from .models import EVIDENCE_FIELDS, ChecklistItem, Evidence


def _members(organization):
    return User.objects.filter(
        memberships__organization=organization, memberships__is_active=True
    ).order_by("full_name")


class OpenChecklistForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(y, y) for y in years]


class AppointForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Data officer"), queryset=User.objects.none()
    )
    appointed_on = ThaiDateFormField(label=_("Appointed on"), widget=ThaiDateInput())
    order_reference = forms.CharField(
        label=_("Order or memo"), max_length=200, required=False
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _members(organization)


class ItemForm(forms.ModelForm):
    provider_key = forms.ChoiceField(label=_("Generated evidence"), required=False)

    class Meta:
        model = ChecklistItem
        fields = ["responsible", "due_date", "explanation", "provider_key"]
        widgets = {
            "due_date": ThaiDateInput(),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _members(organization)
        self.fields["responsible"].empty_label = _("The data officer")
        self.fields["provider_key"].choices = [("", _("None"))] + [
            (p.key, p.label) for p in providers
        ]


class EvidenceForm(forms.ModelForm):
    url = forms.URLField(
        label=_("link"), required=False, assume_scheme="https", max_length=500
    )
    requirement_numbers = forms.CharField(
        label=_("Requirements covered"),
        required=False,
        help_text=_("Numbers separated by commas, e.g. 1, 2. Empty: all."),
    )

    class Meta:
        model = Evidence
        fields = list(EVIDENCE_FIELDS[1:-1])
        widgets = {"approved_on": ThaiDateInput()}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == Evidence.Kind.UPLOAD:
            del self.fields["url"]
            self.fields["file"].required = True
        else:
            del self.fields["file"]
            self.fields["url"].required = True

    def clean_requirement_numbers(self):
        text = self.cleaned_data["requirement_numbers"].replace(" ", "")
        if not text:
            return []
        try:
            return [int(part) for part in text.split(",") if part]
        except ValueError:
            raise forms.ValidationError(
                _("Write requirement numbers separated by commas, e.g. 1, 2.")
            ) from None

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["requirement_indexes"] = data.pop("requirement_numbers")
        data["kind"] = self.kind
        return data


class ScoresForm(forms.Form):
    final = forms.BooleanField(label=_("These are the final scores"), required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[item.code] = forms.TypedChoiceField(
                label=f"{item.code} {item.title_th}",
                choices=[("", "–"), ("100", "100"), ("0", "0")],
                required=False,
                initial=item.final_score
                if item.final_score is not None
                else item.preliminary_score,
            )

    def scores(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "final"}


class HoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not ready"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Say why the item is not ready.")},
    )


class SubmitConfirmForm(forms.Form):
    """The confirmation step of the submission."""

    confirm = forms.BooleanField(
        label=_(
            "I have read the items not ready above and submit the checklist; they "
            "will score 0."
        ),
        required=False,
    )
    not_ready_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_not_ready_seen(self):
        text = self.cleaned_data["not_ready_seen"]
        return [code for code in text.split(",") if code]
