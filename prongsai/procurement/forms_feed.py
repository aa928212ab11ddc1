"""The e-GP feed section of the procurement settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EgpSettingsForm(forms.Form):
    """The API key is write-only: never shown again; left empty, it stays."""

    egp_department_code = forms.CharField(
        label=_("e-GP department code"),
        required=False,
        max_length=20,
        help_text=_(
            "The organisation's code in e-GP (รหัสหน่วยงาน), not the DLA code. "
            "Check a proposed code before saving it."
        ),
    )
    cgd_api_key = forms.CharField(
        label=_("CGD open API key"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Issued by the government open data portal (data.go.th). Leave empty "
            "to keep the stored key."
        ),
    )
    clear_key = forms.BooleanField(label=_("Remove the stored key"), required=False)


class PublicIndicatorsForm(forms.Form):
    public_indicators = forms.BooleanField(
        label=_("Show the risk indicators on the public procurement pages"),
        required=False,
        help_text=_(
            "Officers always see them. On the public pages they come with the note "
            "that an indicator is not a finding of wrongdoing."
        ),
    )
