"""Forms of the results part. Services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateInput

from .models import ProjectPhoto
from .models_documents import ResultsReport
from .selectors_results import STATUS_LABELS

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ProjectResultForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=list(STATUS_LABELS.items()))
    output = forms.CharField(
        label=_("output"),
        required=False,
        widget=TEXTAREA,
        help_text=_("What was delivered, e.g. ถนน คสล. กว้าง 4 เมตร ยาว 200 เมตร."),
    )
    result = forms.CharField(
        label=_("result"),
        required=False,
        widget=TEXTAREA,
        help_text=_("What it achieved for the people, against the project's KPI."),
    )
    problems = forms.CharField(label=_("problems"), required=False, widget=TEXTAREA)


class QuickStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=list(STATUS_LABELS.items()))


class ProjectPhotoForm(forms.ModelForm):
    class Meta:
        model = ProjectPhoto
        fields = ["image", "caption", "taken_on"]
        widgets = {
            "image": forms.ClearableFileInput(attrs={"accept": "image/*"}),
            "taken_on": ThaiDateInput(),
        }


class ResultsReportForm(forms.ModelForm):
    class Meta:
        model = ResultsReport
        fields = [
            "summary",
            "problems",
            "recommendations",
            "reported_by_name",
            "reported_by_position",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "problems": forms.Textarea(attrs={"rows": 4}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
        }
