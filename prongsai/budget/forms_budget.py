"""Forms of the annual budget and its spending. Services do the writing."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput
from prongsai.procurement.vocab import BudgetCategory

from . import figures, selectors_budget
from .models import Budget, BudgetLine, Project
from .models_spending import OperationItem

TEXTAREA = forms.Textarea(attrs={"rows": 3})
NEW_LINE_FIELDS = (
    "new_programme",
    "new_work",
    "new_category",
    "new_expense_class",
    "new_expense_type",
    "new_item",
)


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["fiscal_year", "title", "enacted_on", "estimated_revenue", "notes"]
        widgets = {"enacted_on": ThaiDateInput(), "notes": TEXTAREA}
        help_texts = {
            "title": _(
                "For example: ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2569. "
                "Left empty, it is written for you."
            )
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        if editing:
            del self.fields["fiscal_year"]


def _line_label(line: BudgetLine) -> str:
    code = f"{line.code} " if line.code else ""
    return f"{code}{line.item} ({line.programme} / {line.get_category_display()})"


class LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _line_label(obj)


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.name}"


def _plan_projects(budget: Budget):
    """The projects a line of the budget may fund (its year in the plan)."""
    return Project.objects.filter(
        organization=budget.organization,
        pk__in=[
            p.pk
            for p in selectors_budget.plan_projects(
                organization=budget.organization, budget=budget
            )
        ],
    )


class BudgetLineForm(forms.ModelForm):
    project = ProjectChoiceField(
        label=_("development-plan project"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("Every investment line should name the plan project it funds."),
    )

    class Meta:
        model = BudgetLine
        fields = [
            "code",
            "programme",
            "work",
            "category",
            "expense_class",
            "expense_type",
            "item",
            "amount",
            "unit",
            "project",
        ]

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = _plan_projects(budget)


class LineProjectForm(forms.Form):
    project = ProjectChoiceField(
        label=_("development-plan project"),
        queryset=Project.objects.none(),
        required=False,
    )

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = _plan_projects(budget)


class BudgetChangeForm(forms.Form):
    """A transfer (with ``from_line``) or a supplementary budget, to a line
    of the budget or to a new line described here."""

    number = forms.CharField(label=_("number"), max_length=40, required=False)
    approved_on = ThaiDateFormField(label=_("approved on"))
    from_line = LineChoiceField(
        label=_("from line"), queryset=BudgetLine.objects.none()
    )
    to_line = LineChoiceField(
        label=_("to line"),
        queryset=BudgetLine.objects.none(),
        required=False,
        help_text=_("Leave empty to set up a new line (โอนตั้งจ่ายเป็นรายการใหม่)."),
    )
    amount = forms.DecimalField(
        label=_("amount (baht)"),
        max_digits=15,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    reason = forms.CharField(label=_("reason"), widget=TEXTAREA, required=False)
    new_programme = forms.CharField(
        label=_("programme (แผนงาน)"), max_length=200, required=False
    )
    new_work = forms.CharField(label=_("work (งาน)"), max_length=200, required=False)
    new_category = forms.ChoiceField(
        label=_("budget category (งบ)"),
        choices=[("", "---------"), *BudgetCategory.choices],
        required=False,
    )
    new_expense_class = forms.CharField(
        label=_("expense class (หมวด)"), max_length=200, required=False
    )
    new_expense_type = forms.CharField(
        label=_("expense type (ประเภท)"), max_length=200, required=False
    )
    new_item = forms.CharField(label=_("item (รายการ)"), max_length=500, required=False)

    def __init__(self, *args, budget: Budget, transfer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        lines = BudgetLine.objects.filter(
            organization=budget.organization, budget=budget
        )
        self.fields["to_line"].queryset = lines
        if transfer:
            self.fields["from_line"].queryset = lines
        else:
            del self.fields["from_line"]

    def clean(self):
        data = super().clean()
        if data.get("to_line") is None:
            for name in ("new_programme", "new_category", "new_item"):
                if not data.get(name):
                    self.add_error(
                        name,
                        _("Fill this in for the new line, or choose a line to add to."),
                    )
        return data

    def new_line(self) -> dict | None:
        data = self.cleaned_data
        if data.get("to_line") is not None:
            return None
        return {
            "programme": data["new_programme"],
            "work": data["new_work"],
            "category": data["new_category"],
            "expense_class": data["new_expense_class"],
            "expense_type": data["new_expense_type"],
            "item": data["new_item"],
        }


class BudgetImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class DisbursementGridForm(forms.Form):
    """What was paid from one line in each month of the fiscal year."""

    def __init__(self, *args, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        labels = selectors_budget.month_labels(fiscal_year)
        for month in range(1, figures.FISCAL_MONTHS + 1):
            day = figures.month_start(fiscal_year, month)
            self.fields[f"month_{month}"] = forms.DecimalField(
                label=f"{labels[month - 1]} {str(day.year + 543)[-2:]}",
                max_digits=15,
                decimal_places=2,
                min_value=Decimal("0"),
                required=False,
            )

    def amounts(self) -> dict[int, Decimal | None]:
        return {
            month: self.cleaned_data.get(f"month_{month}")
            for month in range(1, figures.FISCAL_MONTHS + 1)
        }


class OperationItemForm(forms.ModelForm):
    months = forms.TypedMultipleChoiceField(
        label=_("months"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "months"}),
    )

    class Meta:
        model = OperationItem
        fields = ["title", "details", "place", "amount", "unit", "months"]
        widgets = {"details": TEXTAREA}

    def __init__(self, *args, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        labels = selectors_budget.month_labels(fiscal_year)
        self.fields["months"].choices = [
            (month, labels[month - 1]) for month in range(1, figures.FISCAL_MONTHS + 1)
        ]


class ProcurementLinkForm(forms.Form):
    line = LineChoiceField(label=_("budget line"), queryset=BudgetLine.objects.none())

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = BudgetLine.objects.filter(
            organization=budget.organization, budget=budget
        )
