"""Forms of the HR registers. Services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput
from prongsai.organizations.selectors import membership_list

from .models_hr import HRCriterion, HRPlan, HRProject, HRReport, TrainingRecord
from .selectors_hr import fiscal_month_choices

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class HRCriterionForm(forms.ModelForm):
    url = forms.URLField(
        label=_("link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = HRCriterion
        fields = [
            "kind",
            "title",
            "effective_from",
            "effective_to",
            "document",
            "url",
            "text",
        ]
        widgets = {
            "effective_from": ThaiDateInput(),
            "effective_to": ThaiDateInput(),
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf"}),
            "text": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "title": _("For example: หลักเกณฑ์และเงื่อนไขการสรรหาและเลือกสรรพนักงานจ้าง."),
            "effective_to": _(
                "Leave empty while the criteria are in force; give the last day "
                "when newer criteria replace them (the old ones stay as history)."
            ),
            "text": _("Optional: the text, or a summary, of the criteria."),
        }


class HRPlanForm(forms.ModelForm):
    class Meta:
        model = HRPlan
        fields = [
            "title",
            "introduction",
            "approved_on",
            "approved_by_name",
            "approved_by_position",
        ]
        widgets = {
            "approved_on": ThaiDateInput(),
            "introduction": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "title": _("Leave empty for the standard title of the fiscal year."),
            "approved_by_name": _("The executive who approved the plan."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


class HRProjectForm(forms.ModelForm):
    start_month = forms.TypedChoiceField(label=_("start month"), coerce=int)
    end_month = forms.TypedChoiceField(label=_("end month"), coerce=int)

    class Meta:
        model = HRProject
        fields = [
            "number",
            "name",
            "category",
            "target_group",
            "budget",
            "start_month",
            "end_month",
            "indicator",
        ]

    def __init__(self, *args, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        choices = fiscal_month_choices(fiscal_year)
        self.fields["start_month"].choices = choices
        self.fields["end_month"].choices = choices
        self.fields["number"].required = False


class HRProjectResultForm(forms.ModelForm):
    class Meta:
        model = HRProject
        fields = ["status", "output", "budget_used", "problems"]
        widgets = {"output": TEXTAREA, "problems": TEXTAREA}


class TrainingRecordForm(forms.ModelForm):
    end_on = ThaiDateFormField(
        label=_("end date"),
        required=False,
        widget=ThaiDateInput(),
        help_text=_("Leave empty for a one-day course."),
    )

    class Meta:
        model = TrainingRecord
        fields = [
            "member",
            "person_name",
            "person_position",
            "course",
            "organiser",
            "start_on",
            "end_on",
            "hours",
            "ethics",
            "cost",
            "project",
            "certificate",
        ]
        widgets = {"start_on": ThaiDateInput()}
        labels = {
            "person_name": _("Name (someone who is not a member)"),
            "person_position": _("Position (someone who is not a member)"),
        }
        help_texts = {
            "member": _(
                "Choose the member who attended; leave empty for someone else."
            ),
            "ethics": _(
                "Tick when the course had ethics content (code of ethics, "
                "conflict of interest, anti-corruption)."
            ),
        }

    def __init__(self, *args, organization, projects, **kwargs):
        super().__init__(*args, **kwargs)
        member = self.fields["member"]
        member.queryset = membership_list(organization=organization)
        member.label_from_instance = lambda m: (
            f"{m.user.display_name} ({m.position})"
            if m.position
            else m.user.display_name
        )
        project = self.fields["project"]
        project.queryset = projects
        project.label_from_instance = lambda p: (
            f"{p.plan.fiscal_year} · {p.number}. {p.name}"
        )


class TrainingImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_(
            "One row per person and course. Columns: ชื่อ-สกุล, ตำแหน่ง, "
            "หลักสูตร, หน่วยงานผู้จัด, วันที่เริ่ม, วันที่สิ้นสุด, จำนวนชั่วโมง, "
            "เนื้อหาด้านจริยธรรม (ใช่/ไม่ใช่), ค่าใช้จ่าย, โครงการตามแผน (its number)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class HRReportForm(forms.ModelForm):
    class Meta:
        model = HRReport
        fields = [
            "summary",
            "problems",
            "proposals",
            "reported_by_name",
            "reported_by_position",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "problems": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
        }
