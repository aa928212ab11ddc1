"""The shared staff page that edits a procedure (see :mod:`prongsai.core.manuals`).

:class:`ProcedureForm` holds the parts around the steps, :data:`StepFormSet`
the steps (empty rows are skipped, so staff add a step by filling the next
blank row); :func:`procedure_edit` runs both through the app's service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from prongsai.core.errors import DomainError
from prongsai.core.manuals import PROCEDURE_FIELDS, ProcedureData, StepData, TimeUnit

EXTRA_ROWS = 3


def _area(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class ProcedureForm(forms.Form):
    objective = forms.CharField(
        label=_("Objective"), required=False, widget=_area(2), max_length=3000
    )
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=_area(2), max_length=3000
    )
    definitions = forms.CharField(
        label=_("Definitions"),
        required=False,
        widget=_area(),
        max_length=5000,
        help_text=_("One per line: term, a colon, its meaning."),
    )
    legal_basis = forms.CharField(
        label=_("Standards and legal basis"),
        required=False,
        widget=_area(),
        max_length=5000,
        help_text=_("One law, regulation or standard per line."),
    )
    forms_used = forms.CharField(
        label=_("Forms and records"),
        required=False,
        widget=_area(),
        max_length=3000,
        help_text=_("One form per line."),
    )
    complaint_channels = forms.CharField(
        label=_("Complaint channels"),
        required=False,
        widget=_area(),
        max_length=3000,
        help_text=_("One channel per line. Empty: the organisation's contacts."),
    )


class StepForm(forms.Form):
    task = forms.CharField(
        label=_("What is done"), required=False, widget=_area(2), max_length=2000
    )
    time_amount = forms.IntegerField(
        label=_("Time"), required=False, min_value=1, max_value=9999
    )
    time_unit = forms.ChoiceField(
        label=_("Time unit"),
        required=False,
        choices=[("", "—"), *TimeUnit.choices],
    )
    responsible = forms.CharField(
        label=_("Responsible unit or position"), required=False, max_length=200
    )
    forms = forms.CharField(label=_("Forms used"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select form-select-sm"
                if name == "time_unit"
                else "form-control form-control-sm"
            )

    def clean(self):
        data = super().clean() or {}
        filled = any(data.get(name) for name in self.fields)
        if filled and not (data.get("task") or "").strip():
            self.add_error("task", _("Say what is done in this step."))
        if bool(data.get("time_amount")) != bool(data.get("time_unit")):
            self.add_error("time_unit", _("Give both the time and its unit."))
        return data


StepFormSet = forms.formset_factory(StepForm, extra=EXTRA_ROWS, max_num=60)


def procedure_data(form: ProcedureForm, formset) -> ProcedureData:
    """The cleaned data of the page as a :class:`ProcedureData`."""
    steps = tuple(
        StepData(
            task=row["task"].strip(),
            responsible=row["responsible"].strip(),
            time_amount=row["time_amount"],
            time_unit=row["time_unit"],
            forms=row["forms"].strip(),
        )
        for row in formset.cleaned_data
        if row and (row.get("task") or "").strip()
    )
    return ProcedureData(
        **{name: form.cleaned_data[name] for name in PROCEDURE_FIELDS}, steps=steps
    )


def procedure_edit(
    request,
    *,
    current: ProcedureData,
    save: Callable[[ProcedureData], Any],
    template: str,
    context: dict[str, Any],
    redirect_to: str,
    success_message: str,
):
    """Show and save the procedure page; everything typed survives an error."""
    initial = {name: getattr(current, name) for name in PROCEDURE_FIELDS}
    steps = [
        {
            "task": s.task,
            "time_amount": s.time_amount,
            "time_unit": s.time_unit,
            "responsible": s.responsible,
            "forms": s.forms,
        }
        for s in current.steps
    ]
    if request.method == "POST":
        form = ProcedureForm(request.POST, initial=initial)
        formset = StepFormSet(request.POST, prefix="steps")
        if form.is_valid() and formset.is_valid():
            try:
                save(procedure_data(form, formset))
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, success_message)
                return redirect(redirect_to)
    else:
        form = ProcedureForm(initial=initial)
        formset = StepFormSet(initial=steps, prefix="steps")
    return render(request, template, {**context, "form": form, "formset": formset})
