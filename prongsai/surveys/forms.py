"""Forms of the surveys. Services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput

from .models import Survey
from .selectors import Question

FOUR_LEVELS = [
    (0, _("Least or none")),
    (1, _("Little")),
    (2, _("Much")),
    (3, _("Most")),
]
YES_NO = [(1, _("Yes")), (0, _("No"))]
FIVE_LEVELS = [
    (0, _("1 · Least")),
    (1, _("2 · Little")),
    (2, _("3 · Fair")),
    (3, _("4 · Much")),
    (4, _("5 · Most")),
]
CHOICES = {"four_level": FOUR_LEVELS, "yes_no": YES_NO, "five_level": FIVE_LEVELS}


class SurveyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of survey"), choices=Survey.Kind.choices)
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year"), min_value=2500, max_value=2700
    )
    title = forms.CharField(
        label=pgettext_lazy("document title", "Title"), max_length=200
    )
    description = forms.CharField(
        label=_("Introduction shown to respondents"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    opens_on = ThaiDateFormField(
        label=_("Opens on"), widget=ThaiDateInput(), required=False
    )
    closes_on = ThaiDateFormField(
        label=_("Closes on"), widget=ThaiDateInput(), required=False
    )
    custom_questions = forms.CharField(
        label=_("Questions of your own (one per line, answered on five levels)"),
        help_text=_(
            "Required for a satisfaction survey; optional for IIT and EIT pulses "
            "(they are not counted in the ITA indicators)."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean_custom_questions(self):
        return self.cleaned_data["custom_questions"].splitlines()


def _field_name(code: str, bullet: int | None) -> str:
    return f"q_{code}" if bullet is None else f"q_{code}_{bullet}"


class AnswerForm(forms.Form):
    """One radio group per question (or per bullet of a multi-bullet
    question), all required, and the hidden field people never see
    (``core.forms.HONEYPOT_FIELD``)."""

    honeypot = True

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = CHOICES[question.scale]
            if question.bullets:
                for index, bullet in enumerate(question.bullets):
                    self.fields[_field_name(question.code, index)] = self._radio(
                        bullet, choices
                    )
            else:
                self.fields[_field_name(question.code, None)] = self._radio(
                    question.text_th, choices
                )

    @staticmethod
    def _radio(label, choices) -> forms.TypedChoiceField:
        return forms.TypedChoiceField(
            label=label,
            choices=choices,
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose one answer.")},
        )

    def groups(self):
        """(question, [bound fields]) in order, for the template."""
        for question in self.questions:
            if question.bullets:
                names = [
                    _field_name(question.code, i) for i in range(len(question.bullets))
                ]
            else:
                names = [_field_name(question.code, None)]
            yield question, [self[name] for name in names]

    def answers(self) -> dict[str, list[int]]:
        data = self.cleaned_data
        out = {}
        for question in self.questions:
            if question.bullets:
                out[question.code] = [
                    data[_field_name(question.code, i)]
                    for i in range(len(question.bullets))
                ]
            else:
                out[question.code] = [data[_field_name(question.code, None)]]
        return out
