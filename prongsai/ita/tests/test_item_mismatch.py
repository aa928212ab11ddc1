"""Typed OIT indicators (9, 10) that the item results contradict: a warning."""

from decimal import Decimal

import pytest

from prongsai.core.models import AuditEvent
from prongsai.ita.consistency import implied_indicators, item_mismatches
from prongsai.ita.frameworks import load_framework
from prongsai.ita.models import ItaResult
from prongsai.ita.selectors import ita_result_list_mismatches
from prongsai.ita.services import ita_result_record
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.ita.tests.test_views import _url, coordinator, loaded  # noqa: F401

D = Decimal
# Every 2568 item met except O21 and O22 of sub-indicator 10.1 (6 items):
# 10.1 = 66.67, 10.2 = 100, so indicator 10 = 83.33; indicator 9 = 100.
ITEMS = {f"O{n}": 0 if n in (21, 22) else 100 for n in range(1, 28)}
WARNING_10 = "ตัวชี้วัดที่ 10 ที่กรอก 85.00 ไม่ตรงกับผลรายข้อ (คำนวณได้ 83.33)"


def _indicators(i9="100", i10="85"):
    values = dict(zip(range(1, 11), BANDONG_2568, strict=True))
    return values | {9: i9, 10: i10}


def test_items_imply_indicators_9_and_10():
    framework = load_framework(2568)
    assert implied_indicators(framework, ITEMS) == {9: D("100.00"), 10: D("83.33")}


def test_an_indicator_is_implied_only_when_all_its_items_are_known():
    framework = load_framework(2568)
    partial = {code: value for code, value in ITEMS.items() if code != "O1"}
    assert implied_indicators(framework, partial) == {10: D("83.33")}
    assert implied_indicators(framework, {}) == {}


def test_a_mismatch_names_indicator_typed_value_and_implied_value():
    framework = load_framework(2568)
    (mismatch,) = item_mismatches(framework, _indicators(), ITEMS)
    assert (mismatch.number, mismatch.typed, mismatch.implied) == (
        10,
        D("85.00"),
        D("83.33"),
    )
    assert mismatch.message == WARNING_10


def test_agreeing_values_give_no_warning():
    framework = load_framework(2568)
    assert item_mismatches(framework, _indicators(i10="83.33"), ITEMS) == []


@pytest.mark.django_db
def test_the_service_saves_the_typed_value_and_the_selector_warns(
    loaded,  # noqa: F811
    organization,
):
    result = ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=_indicators(),
        item_results=ITEMS,
    )
    assert result.i10 == D("85.00")
    warnings = ita_result_list_mismatches(
        fiscal_year=2568, indicators=result.indicators, item_results=ITEMS
    )
    assert [w.message for w in warnings] == [WARNING_10]


def _post(client, organization, **extra):
    data = {"fiscal_year": "2568", "notes": ""}
    data |= {f"i{n}": v for n, v in _indicators().items()}
    data |= {f"item_{code}": str(value) for code, value in ITEMS.items()}
    return client.post(
        _url("ita-staff:result-create", organization), data | extra, follow=True
    )


@pytest.mark.django_db
def test_the_form_shows_the_warning_before_saving(
    client,
    coordinator,  # noqa: F811
    loaded,  # noqa: F811
    organization,
):
    client.force_login(coordinator)
    response = _post(client, organization)
    body = response.content.decode()
    assert WARNING_10 in body
    assert 'name="save_with_warnings"' in body
    assert not ItaResult.objects.filter(organization=organization).exists()


@pytest.mark.django_db
def test_the_officer_can_save_and_staff_keep_seeing_the_warning(
    client,
    coordinator,  # noqa: F811
    loaded,  # noqa: F811
    organization,
):
    client.force_login(coordinator)
    response = _post(client, organization, save_with_warnings="1")
    result = ItaResult.objects.get(organization=organization, fiscal_year=2568)
    assert result.i10 == D("85.00")
    assert AuditEvent.objects.filter(action="ita_result.create").count() == 1
    # Redirected to the result's analysis page, which shows the warning.
    assert response.redirect_chain[-1][0].endswith("/2568/")
    assert WARNING_10 in response.content.decode()
    again = client.get(_url("ita-staff:analysis", organization, fiscal_year=2568))
    assert WARNING_10 in again.content.decode()
    edit = client.get(_url("ita-staff:result-edit", organization, fiscal_year=2568))
    assert WARNING_10 in edit.content.decode()


@pytest.mark.django_db
def test_agreeing_values_save_at_once(
    client,
    coordinator,  # noqa: F811
    loaded,  # noqa: F811
    organization,
):
    client.force_login(coordinator)
    response = _post(client, organization, i10="83.33")
    assert ItaResult.objects.get(organization=organization).i10 == D("83.33")
    assert "ไม่ตรงกับผลรายข้อ" not in response.content.decode()
