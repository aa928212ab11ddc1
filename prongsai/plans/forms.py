"""Forms of the plans back office. Services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core import thai_dates
from prongsai.core.date_fields import ThaiDateInput

from .models import (
    Activity,
    Measure,
    Plan,
    PlanReport,
    PlanSettings,
    ProgressUpdate,
)
from .services import PLAN_FIELDS
from .services_measures import WORK_FIELDS

DATE_WIDGET = ThaiDateInput()
TEXTAREA = forms.Textarea(attrs={"rows": 3})
PERIOD_CHOICES = [
    ("q1", _("Quarter 1 (October-December)")),
    ("q2", _("Quarter 2 (January-March)")),
    ("q3", _("Quarter 3 (April-June)")),
    ("q4", _("Quarter 4 (July-September)")),
    ("h1", _("Six-month report (October-March)")),
    ("year", _("Annual implementation report")),
]
FORMAT_CHOICES = [("pdf", "PDF"), ("docx", _("DOCX (editable)"))]


def _owner_field(organization, form):
    from prongsai.organizations.selectors import membership_list

    field = form.fields["owner"]
    field.queryset = membership_list(organization=organization)
    field.label_from_instance = lambda m: (
        f"{m.user.display_name} ({m.position})" if m.position else m.user.display_name
    )


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = list(PLAN_FIELDS)
        widgets = {"description": TEXTAREA}


class WorkItemFormMixin:
    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        _owner_field(organization, self)


WORK_WIDGETS = {
    "description": TEXTAREA,
    "start_date": DATE_WIDGET,
    "due_date": DATE_WIDGET,
}


class MeasureForm(WorkItemFormMixin, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            *WORK_FIELDS[:3],
            "steps",
            *WORK_FIELDS[3:6],
            "due_date_reason",
            *WORK_FIELDS[6:],
            "ita_kind",
            "ita_code",
        ]
        widgets = {
            **WORK_WIDGETS,
            "steps": TEXTAREA,
            "due_date_reason": forms.Textarea(attrs={"rows": 2}),
        }


class ActivityForm(WorkItemFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", *WORK_FIELDS]
        widgets = WORK_WIDGETS


class ProgressForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = [
            "reported_on",
            "status",
            "percent_done",
            "kpi_value",
            "narrative",
            "evidence_file",
            "evidence_url",
        ]
        widgets = {"reported_on": DATE_WIDGET, "narrative": TEXTAREA}


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Proposed measure"), max_length=300)
    description = forms.CharField(label=_("Why and how"), widget=TEXTAREA)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=TEXTAREA)


class LinkCasesForm(forms.Form):
    references = forms.CharField(
        label=_("Case references"),
        max_length=2000,
        help_text=_(
            "One or more, separated by commas, for example C2569-0001, C2569-0002."
        ),
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=TEXTAREA, required=False)


class ReviseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revision"),
        widget=TEXTAREA,
        help_text=_("For example: the budget was cut, or the situation changed."),
    )


class DeclineForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=TEXTAREA)


class ReportNarrativeForm(forms.ModelForm):
    class Meta:
        model = PlanReport
        fields = ["problems", "obstacles", "suggestions"]
        widgets = {
            "problems": forms.Textarea(attrs={"rows": 5}),
            "obstacles": forms.Textarea(attrs={"rows": 5}),
            "suggestions": forms.Textarea(attrs={"rows": 5}),
        }


class ReportForm(forms.Form):
    period = forms.ChoiceField(
        label=pgettext_lazy("progress report", "Report"), choices=PERIOD_CHOICES
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES)


class DraftFromAnalysisForm(forms.Form):
    ita_fiscal_year = forms.TypedChoiceField(
        label=_("ITA result of fiscal year"), coerce=int
    )
    fiscal_year = forms.IntegerField(
        label=_("Plan for fiscal year"), min_value=2500, max_value=2700
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ita_fiscal_year"].choices = [
            (y, thai_dates.fiscal_year_label(y)) for y in years
        ]


class PlanSettingsForm(forms.ModelForm):
    class Meta:
        model = PlanSettings
        fields = ["stale_after_days", "remind_days_before_due", "reminders_enabled"]
