"""Forms of the open-data back office and the public catalogue search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateInput

from .models import CatalogueSettings, Dataset
from .services import EDITABLE_FIELDS, SETTINGS_FIELDS


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search datasets"), required=False, max_length=200, strip=True
    )


class DatasetMetadataForm(forms.ModelForm):
    """The Thai government data catalogue's fields of one dataset."""

    tags = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=2000,
        help_text=_("Separate keywords with commas."),
    )

    class Meta:
        model = Dataset
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessible_condition": forms.Textarea(attrs={"rows": 2}),
            "temporal_start": ThaiDateInput(),
            "temporal_end": ThaiDateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and not self.is_bound:
            self.initial["tags"] = ", ".join(self.instance.tags or [])
        for name in ("temporal_start", "temporal_end"):
            self.fields[name].widget.format = "%Y-%m-%d"

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        return [t.strip() for t in raw.replace("،", ",").split(",") if t.strip()]

    def _post_clean(self):
        # The service validates and saves; the form only parses input, so the
        # instance is not touched here (it stays as stored until the service runs).
        pass


class CatalogueSettingsForm(forms.ModelForm):
    """Defaults for new datasets, optionally applied to the existing ones."""

    apply_to_existing = forms.BooleanField(
        label=_("Also apply to every existing dataset"), required=False
    )

    class Meta:
        model = CatalogueSettings
        fields = list(SETTINGS_FIELDS)

    def _post_clean(self):
        # Validation and saving happen in the service (see DatasetMetadataForm).
        pass
