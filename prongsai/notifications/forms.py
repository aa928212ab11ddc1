from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency, NotificationPreference


class PreferenceForm(forms.ModelForm):
    frequency = forms.ChoiceField(
        label=_("when"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose at once or once a day.")},
    )

    class Meta:
        model = NotificationPreference
        fields = ["email_enabled", "line_enabled", "inbox_enabled", "frequency"]
