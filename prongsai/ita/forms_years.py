"""Forms of the new-year pages: own recommendation rules and ITAS survey links."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput

from .models import OrganizationRule


class OrganizationRuleForm(forms.ModelForm):
    class Meta:
        model = OrganizationRule
        fields = [
            "scope",
            "target",
            "title",
            "description",
            "responsible_unit",
            "steps",
            "kpi",
            "below",
            "priority",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "steps": forms.Textarea(attrs={"rows": 4}),
        }


class ItasSurveyForm(forms.Form):
    """Survey codes and links; the service checks the links and the window."""

    iit_code = forms.CharField(
        label=_("IIT survey code"), required=False, max_length=40
    )
    iit_url = forms.CharField(
        label=_("IIT survey link"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://itas.nacc.go.th/…"}),
        help_text=_("For the staff: shown on the back-office dashboard."),
    )
    eit_code = forms.CharField(
        label=_("EIT survey code"), required=False, max_length=40
    )
    eit_url = forms.CharField(
        label=_("EIT survey link"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://itas.nacc.go.th/…"}),
        help_text=_(
            "For the public: shown as a banner on the public site while the "
            "survey is open."
        ),
    )
    eit_opens_on = ThaiDateFormField(
        label=_("EIT survey opens on"), required=False, widget=ThaiDateInput
    )
    eit_closes_on = ThaiDateFormField(
        label=_("EIT survey closes on"), required=False, widget=ThaiDateInput
    )
