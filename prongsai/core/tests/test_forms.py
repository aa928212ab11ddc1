"""The one form → service → message → redirect helper."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action


class ThingForm(forms.Form):
    name = forms.CharField()
    amount = forms.IntegerField()


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request._messages = CookieStorage(request)
    return request


def _messages(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


DATA = {"name": "ถนนลูกรัง", "amount": "12"}


def test_success_runs_the_service_with_cleaned_data_then_redirects():
    request = _request(data=DATA)
    seen = []
    response = handle_form(
        request,
        ThingForm(DATA),
        on_valid=lambda data: seen.append(data) or 7,
        success_message=lambda pk: f"บันทึกรายการ {pk} แล้ว",
        redirect_to=lambda pk: f"/things/{pk}/",
    )
    assert seen == [{"name": "ถนนลูกรัง", "amount": 12}]
    assert response.status_code == 302
    assert response["Location"] == "/things/7/"
    assert _messages(request) == [("success", "บันทึกรายการ 7 แล้ว")]


def test_plain_message_and_url():
    request = _request(data=DATA)
    response = handle_form(
        request,
        ThingForm(DATA),
        on_valid=lambda data: None,
        success_message="บันทึกแล้ว",
        redirect_to="/done/",
    )
    assert response["Location"] == "/done/"
    assert _messages(request) == [("success", "บันทึกแล้ว")]


def _fail(error):
    def service(data):
        raise error

    return service


@pytest.mark.parametrize(
    ("error", "field", "text"),
    [
        (DomainError("จำนวนต้องไม่เกิน 10", field="amount"), "amount", "ไม่เกิน 10"),
        (DomainError("ปีงบประมาณปิดแล้ว"), "__all__", "ปิดแล้ว"),
        (DomainError("ช่องนี้ไม่มีในฟอร์ม", field="other"), "__all__", "ไม่มีในฟอร์ม"),
        (ValidationError({"name": "ชื่อซ้ำ"}), "name", "ชื่อซ้ำ"),
        (ValidationError({"ghost": "ไม่มีช่องนี้"}), "__all__", "ไม่มีช่องนี้"),
        (ValidationError("ข้อมูลขัดกัน"), "__all__", "ข้อมูลขัดกัน"),
    ],
)
def test_service_errors_land_on_the_form_and_keep_the_input(error, field, text):
    request = _request(data=DATA)
    form = ThingForm(DATA)
    response = handle_form(
        request,
        form,
        on_valid=_fail(error),
        success_message="บันทึกแล้ว",
        redirect_to="/done/",
    )
    assert response is None
    assert any(text in message for message in form.errors[field])
    assert _messages(request) == []
    html = str(form)  # the re-rendered form still shows what was typed
    assert 'value="ถนนลูกรัง"' in html and 'value="12"' in html


def test_get_and_invalid_forms_do_not_call_the_service():
    called = []
    for request, form in (
        (_request("get"), ThingForm()),
        (_request(data={"name": "x"}), ThingForm({"name": "x"})),
    ):
        assert (
            handle_form(
                request,
                form,
                on_valid=called.append,
                success_message="x",
                redirect_to="/done/",
            )
            is None
        )
    assert called == []


def test_other_exceptions_are_not_swallowed():
    with pytest.raises(KeyError):
        handle_form(
            _request(data=DATA),
            ThingForm(DATA),
            on_valid=_fail(KeyError("bug")),
            redirect_to="/done/",
        )


def test_run_action_reports_success_or_the_error_and_redirects():
    request = _request()
    response = run_action(
        request, lambda: 1, success_message="ลบแล้ว", redirect_to="/list/"
    )
    assert response["Location"] == "/list/"
    assert _messages(request) == [("success", "ลบแล้ว")]
    for error, text in (
        (DomainError("ลบไม่ได้: มีหลักฐานอยู่"), "ลบไม่ได้: มีหลักฐานอยู่"),
        (ValidationError(["ก", "ข"]), "ก ข"),
    ):
        request = _request()
        response = run_action(
            request,
            lambda e=error: _fail(e)(None),
            success_message="x",
            redirect_to="/list/",
        )
        assert response["Location"] == "/list/"
        assert _messages(request) == [("error", text)]


def test_run_action_message_level_may_follow_the_result():
    def level(found):
        return messages.WARNING if found else messages.SUCCESS

    for found, tag in ((["broken link"], "warning"), ([], "success")):
        request = _request()
        run_action(
            request,
            lambda f=found: f,
            success_message="ตรวจแล้ว",
            message_level=level,
            redirect_to="/list/",
        )
        assert _messages(request) == [(tag, "ตรวจแล้ว")]
