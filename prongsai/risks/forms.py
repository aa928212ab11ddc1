"""Forms of the risk register. Services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Risk
from .services import RISK_FIELDS

TEXTAREA = forms.Textarea(attrs={"rows": 3})
LEVEL_WIDGET_CHOICES = [(n, n) for n in range(1, 6)]


class RiskAssessmentForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year"), min_value=2500, max_value=2700
    )
    title = forms.CharField(
        label=pgettext_lazy("document title", "Title"), max_length=300, required=False
    )
    notes = forms.CharField(
        label=_("Method and notes"), widget=TEXTAREA, required=False
    )


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = list(RISK_FIELDS)
        widgets = {
            "cause": TEXTAREA,
            "existing_controls": TEXTAREA,
            "control_measures": TEXTAREA,
            "likelihood": forms.Select(choices=LEVEL_WIDGET_CHOICES),
            "impact": forms.Select(choices=LEVEL_WIDGET_CHOICES),
        }

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures
        self.fields["measure"].label_from_instance = lambda m: (
            f"{m.plan.fiscal_year} · {m.number}. {m.title}"
        )


class FollowUpForm(forms.Form):
    follow_up = forms.ChoiceField(
        label=_("Follow-up"),
        choices=[c for c in Risk.FollowUp.choices if c[0]],
    )
    note = forms.CharField(label=_("Follow-up result"), widget=TEXTAREA)
