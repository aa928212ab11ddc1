"""Forms of the development plan. Services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput

from .models import DevelopmentPlan, PlanAmendment, Programme, Strategy
from .parsing_plan import amount_checks, parse_amount

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class AmountField(forms.CharField):
    """Baht as staff type it: 1,500,000 or ๑,๕๐๐,๐๐๐; empty or "-" for none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def clean(self, value):
        value = super().clean(value)
        try:
            amount = parse_amount(value)
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not an amount in baht."), params={"value": value}
            ) from None
        if amount is not None and (message := amount_checks(amount)):
            raise forms.ValidationError(message)
        return amount


class PlanForm(forms.ModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["first_year", "last_year", "title", "approved_on", "vision", "notes"]
        widgets = {
            "approved_on": ThaiDateInput(),
            "vision": TEXTAREA,
            "notes": TEXTAREA,
        }
        help_texts = {
            "first_year": _("Buddhist-era fiscal year, e.g. 2566."),
            "last_year": _("Leave empty for a five-year plan."),
            "title": _("Leave empty for the standard title."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["last_year"].required = False


class StrategyForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["number", "name", "goal", "indicators"]
        widgets = {"goal": TEXTAREA, "indicators": TEXTAREA}
        help_texts = {
            "indicators": _("One indicator per line, with its target."),
        }


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["strategy", "name"]
        help_texts = {"name": _("For example: แผนงานเคหะและชุมชน.")}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = Strategy.objects.filter(
            organization=plan.organization, plan=plan
        )


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = PlanAmendment
        fields = ["kind", "number", "approved_on", "title", "notes"]
        widgets = {"approved_on": ThaiDateInput(), "notes": TEXTAREA}
        help_texts = {"number": _("ครั้งที่; leave empty for the next number.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False


class ProjectForm(forms.Form):
    """A ผ.02 row: the project and its planned amount for each year of the plan."""

    programme = forms.ModelChoiceField(label=_("programme"), queryset=None)
    number = forms.IntegerField(
        label=_("number (ลำดับ)"),
        min_value=1,
        max_value=99999,
        required=False,
        help_text=_("Leave empty for the next number."),
    )
    name = forms.CharField(label=_("project"), max_length=500)
    objective = forms.CharField(label=_("objective"), widget=TEXTAREA, required=False)
    target = forms.CharField(
        label=_("target (output)"), widget=TEXTAREA, required=False
    )
    kpi = forms.CharField(label=_("indicator (KPI)"), widget=TEXTAREA, required=False)
    expected_result = forms.CharField(
        label=_("expected result"), widget=TEXTAREA, required=False
    )
    responsible_unit = forms.CharField(
        label=_("responsible unit"), max_length=200, required=False
    )
    location = forms.CharField(label=_("location"), max_length=300, required=False)
    amendment = forms.ModelChoiceField(
        label=_("added or changed by"),
        queryset=None,
        required=False,
        help_text=_(
            "Empty for a project of the plan as first approved. Choosing an "
            "amendment records that it added or changed this project; the old "
            "figures stay in the audit trail."
        ),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["programme"].queryset = Programme.objects.filter(
            organization=plan.organization, strategy__plan=plan
        ).select_related("strategy")
        self.fields["programme"].label_from_instance = lambda p: (
            f"{p.strategy.number}. {p.name}"
        )
        self.fields["amendment"].queryset = PlanAmendment.objects.filter(
            organization=plan.organization, plan=plan
        )
        for year in plan.years:
            self.fields[f"year_{year}"] = AmountField(
                label=_("Budget %(year)s (baht)") % {"year": year}
            )

    def year_fields(self):
        return [self[f"year_{year}"] for year in self.plan.years]

    def cleaned_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["amounts"] = {
            year: data.pop(f"year_{year}", None) for year in self.plan.years
        }
        return data


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_(
            "The ผ.02 list: one row per project, columns ยุทธศาสตร์, แผนงาน, ที่, "
            "โครงการ, วัตถุประสงค์, เป้าหมาย, the plan's years (e.g. "
            "“งบประมาณ 2566 (บาท)”), ตัวชี้วัด (KPI), ผลที่คาดว่าจะได้รับ, "
            "หน่วยงานรับผิดชอบหลัก."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    amendment_kind = forms.ChoiceField(
        label=_("Import into"),
        choices=[("", _("The plan as first approved")), *PlanAmendment.Kind.choices],
        required=False,
        help_text=_(
            "An addition adds the file's projects; a change changes the plan's "
            "projects of the same name. The amendment is created on import."
        ),
    )
    amendment_number = forms.IntegerField(
        label=_("Amendment number (ครั้งที่)"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Leave empty for the next number."),
    )
    amendment_approved_on = ThaiDateFormField(
        label=_("Amendment approved on"), required=False
    )
    amendment_title = forms.CharField(
        label=_("Amendment title"), max_length=300, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("amendment_kind") and not data.get("amendment_approved_on"):
            self.add_error(
                "amendment_approved_on",
                _("Give the date the amendment was approved."),
            )
        return data
