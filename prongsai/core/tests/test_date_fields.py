"""Every date field takes what Thai staff type (core.date_fields)."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms

import prongsai
from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput
from prongsai.core.model_fields import ThaiDateField

SEPT_30 = datetime.date(2027, 9, 30)  # 30 กันยายน 2570


@pytest.mark.parametrize(
    "typed",
    [
        "30/09/2570",
        "30/9/2570",
        "30 ก.ย. 70",
        "30 ก.ย. 2570",
        "30 กันยายน 2570",
        "30 กันยายน พ.ศ. 2570",
        "๓๐/๐๙/๒๕๗๐",
        "2027-09-30",
        "2570-09-30",  # a BE year in ISO order is BE, never the year 3113
        " 30/09/2570 ",
    ],
)
def test_thai_ways_of_writing_a_date_are_understood(typed):
    assert ThaiDateFormField().clean(typed) == SEPT_30


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("31/02/2570", "invalid"),
        ("30/13/2570", "invalid"),
        ("พรุ่งนี้", "invalid"),
        ("30/09/25700", "invalid"),
        ("30\x00/09/2570", "invalid"),
        ("30/09/1800", "out_of_range"),
    ],
)
def test_mistakes_get_a_thai_message_naming_the_format(typed, code):
    field = ThaiDateFormField()
    with pytest.raises(forms.ValidationError) as error:
        field.clean(typed)
    assert error.value.code == code


def test_an_empty_optional_date_is_none():
    assert ThaiDateFormField(required=False).clean("") is None


def test_the_box_shows_the_buddhist_era_and_the_picker_hooks():
    html = ThaiDateInput().render("due", SEPT_30)
    assert 'value="30/09/2570"' in html
    assert "data-thai-date" in html
    assert "กันยายน" in html  # the picker's month names
    # What the user typed is kept as typed after an error.
    assert 'value="30 ก.ย. 70x"' in ThaiDateInput().render("due", "30 ก.ย. 70x")


def test_model_dates_get_the_thai_field_even_over_a_browser_date_widget():
    field = ThaiDateField()
    assert isinstance(field.formfield(), ThaiDateFormField)
    widget = field.formfield(widget=forms.DateInput(attrs={"type": "date"})).widget
    assert isinstance(widget, ThaiDateInput)
    assert field.deconstruct()[1] == "django.db.models.DateField"  # no migration


def _form_classes():
    for info in pkgutil.walk_packages(prongsai.__path__, "prongsai."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        if not info.name.rsplit(".", 1)[-1].startswith("forms"):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


# A month (YYYY-MM) is picked with the browser's month picker.
MONTH_FIELDS = {("NoProcurementMonthForm", "month")}


def test_every_date_field_of_every_form_takes_thai_input():
    classes = list(_form_classes())
    assert len(classes) > 20
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField)
        and not isinstance(field, forms.DateTimeField)
        and not isinstance(field, ThaiDateFormField)
        and (cls.__name__, name) not in MONTH_FIELDS
    ]
    assert plain == []
