"""Forms of the ITA back office."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput

from .models import INDICATOR_NUMBERS, AnalysisReport, ItaSettings, PeerDataset

SCORE_ATTRS = {"inputmode": "decimal", "step": "0.01", "min": "0", "max": "100"}


def _score_field(label, *, required=True):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs=SCORE_ATTRS),
    )


class ResultForm(forms.Form):
    """The ten indicators (required), the published figures and OIT items."""

    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, years=(), framework=None, lock_year=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(y, str(y)) for y in years]
        if lock_year:
            self.fields["fiscal_year"].disabled = True
        for number in INDICATOR_NUMBERS:
            label = _("Indicator %(number)s") % {"number": number}
            if framework is not None:
                label = f"{label}: {framework.indicator(number).name_th}"
            self.fields[f"i{number}"] = _score_field(label)
        for key, label in (
            ("iit", _("Published IIT")),
            ("eit", _("Published EIT")),
            ("oit", _("Published OIT")),
            ("total", _("Published total")),
        ):
            self.fields[f"published_{key}"] = _score_field(label, required=False)
        self.item_codes = []
        if framework is not None:
            for item in framework.oit_items:
                self.fields[f"item_{item.code}"] = forms.TypedChoiceField(
                    label=f"{item.code} {item.title_th}",
                    required=False,
                    choices=[("", "–"), ("100", "100"), ("0", "0")],
                    coerce=int,
                    empty_value=None,
                )
                self.item_codes.append(item.code)

    def indicator_fields(self):
        return [self[f"i{n}"] for n in INDICATOR_NUMBERS]

    def published_fields(self):
        return [self[f"published_{k}"] for k in ("iit", "eit", "oit", "total")]

    def item_fields(self):
        return [self[f"item_{code}"] for code in self.item_codes]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "fiscal_year": data["fiscal_year"],
            "indicators": {n: data[f"i{n}"] for n in INDICATOR_NUMBERS},
            "published": {
                k: data[f"published_{k}"]
                for k in ("iit", "eit", "oit", "total")
                if data.get(f"published_{k}") is not None
            },
            "item_results": {
                code: data[f"item_{code}"]
                for code in self.item_codes
                if data.get(f"item_{code}") is not None
            },
            "notes": data.get("notes", ""),
        }


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class PeerImportForm(forms.Form):
    name = forms.CharField(label=_("Peer group name"), max_length=200)
    scope = forms.ChoiceField(label=_("Scope"), choices=PeerDataset.Scope.choices)
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_(
            "Where the figures come from: the web address of the published "
            "table, or the publisher (e.g. the provincial office)."
        ),
    )
    source_date = ThaiDateFormField(
        label=_("Date of the source"),
        widget=ThaiDateInput(),
        help_text=_("When the source published the figures, e.g. 30/09/2568."),
    )
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(y, str(y)) for y in years]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ItaSettings
        fields = ["weakness_threshold"]


class ReportForm(forms.ModelForm):
    class Meta:
        model = AnalysisReport
        fields = [
            "summary",
            "prepared_by_name",
            "prepared_by_position",
            "approver_name",
            "approver_position",
            "thai_digits",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class MeasureForm(forms.Form):
    weakness = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Measure"), max_length=300, required=False)
    responsible_unit = forms.CharField(
        label=_("Responsible unit"), max_length=200, required=False
    )
    steps = forms.CharField(
        label=_("Steps"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    timeline = forms.CharField(label=_("Timeline"), max_length=200, required=False)


MeasureFormSet = forms.formset_factory(MeasureForm, extra=1, max_num=60)
