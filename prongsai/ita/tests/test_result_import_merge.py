"""Re-importing a year changes only what the file holds, and says what changed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core.models import AuditEvent
from prongsai.ita.models import ItaResult
from prongsai.ita.services_import import ita_result_import
from prongsai.ita.tests.test_analysis_services import (
    INDICATORS,
    _filled_template,
    _row,
)
from prongsai.ita.tests.test_views import _url, coordinator, loaded  # noqa: F401

pytestmark = pytest.mark.django_db

D = Decimal
ITEMS = {f"O{n}": "0" if n in (9, 10) else "100" for n in range(1, 28)}


def _import(organization, rows, fmt="xlsx"):
    content, name = _filled_template(rows, fmt)
    return ita_result_import(
        actor=None, organization=organization, content=content, filename=name
    )


def _full_year(**extra):
    return (
        _row(2568, published_total="82.50", notes="ผลจาก สนง. ป.ป.ช.", **ITEMS) | extra
    )


@pytest.fixture
def imported(loaded, organization):  # noqa: F811
    outcome = _import(organization, [_full_year()])
    assert outcome.created_years == [2568]
    return ItaResult.objects.get(organization=organization, fiscal_year=2568)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_blank_item_columns_keep_the_stored_item_results(imported, organization, fmt):
    outcome = _import(organization, [_row(2568)], fmt)
    result = ItaResult.objects.get(pk=imported.pk)
    assert result.item_results == {code: int(v) for code, v in ITEMS.items()}
    assert result.published_total == D("82.50")
    assert result.notes == "ผลจาก สนง. ป.ป.ช."
    assert (outcome.scores_changed, outcome.items_changed) == (0, 0)
    assert outcome.unchanged == 10
    assert outcome.created_years == []
    assert "คะแนนเปลี่ยน 0 ค่า ผลรายข้อเปลี่ยน 0 ข้อ ไม่เปลี่ยน 10 ค่า" in (outcome.message)
    assert not AuditEvent.objects.filter(action="ita_result.update").exists()


def test_one_changed_value_changes_only_that_and_is_counted(imported, organization):
    changed = ["95.00", *INDICATORS[1:]]
    outcome = _import(organization, [_full_year(i1=changed[0])])
    result = ItaResult.objects.get(pk=imported.pk)
    assert result.i1 == D("95.00")
    assert result.i2 == imported.i2
    assert result.item_results == imported.item_results
    assert (outcome.scores_changed, outcome.items_changed) == (1, 0)
    assert outcome.unchanged == 10 + 1 + 27 + 1 - 1
    assert "คะแนนเปลี่ยน 1 ค่า" in outcome.message
    assert "ผลรายข้อเปลี่ยน 0 ข้อ" in outcome.message
    (event,) = AuditEvent.objects.filter(action="ita_result.update")
    assert set(event.changes) == {"i1"}


def test_a_changed_item_alone_is_counted_as_an_item(imported, organization):
    outcome = _import(organization, [_row(2568, O9="100")])
    result = ItaResult.objects.get(pk=imported.pk)
    assert result.item_results["O9"] == 100
    assert result.item_results["O10"] == 0
    assert (outcome.scores_changed, outcome.items_changed) == (0, 1)
    assert "ผลรายข้อเปลี่ยน 1 ข้อ" in outcome.message


def test_blank_indicator_cells_keep_the_stored_indicators(imported, organization):
    row = {"fiscal_year": 2568, "O10": "100"}
    _import(organization, [row])
    result = ItaResult.objects.get(pk=imported.pk)
    assert result.indicators == imported.indicators
    assert result.item_results["O10"] == 100


def test_a_new_year_needs_every_indicator_and_names_the_cell(loaded, organization):  # noqa: F811
    row = _row(2568) | {"i3": ""}
    with pytest.raises(ValidationError) as error:
        _import(organization, [row])
    (message,) = error.value.messages
    assert message.startswith("แถว 3 คอลัมน์ D (ตัวชี้วัดที่ 3)")
    assert not ItaResult.objects.exists()


def test_the_import_is_all_or_nothing(imported, organization):
    rows = [_row(2567), _full_year(i1="96.00", O1="50")]
    with pytest.raises(ValidationError) as error:
        _import(organization, rows)
    assert any("(ข้อ O1): ต้องเป็น 0 หรือ 100" in m for m in error.value.messages)
    assert not ItaResult.objects.filter(fiscal_year=2567).exists()
    assert ItaResult.objects.get(pk=imported.pk).i1 == imported.i1


def test_a_later_bad_year_undoes_the_earlier_good_one(loaded, organization):  # noqa: F811
    rows = [_row(2568), _row(2579)]
    with pytest.raises(ValidationError) as error:
        _import(organization, rows)
    assert error.value.messages[0].startswith("แถว 4 คอลัมน์ A:")
    assert not ItaResult.objects.exists()


def test_the_page_shows_the_summary(client, coordinator, imported, organization):  # noqa: F811
    client.force_login(coordinator)
    content, name = _filled_template([_row(2568, O9="100")])
    response = client.post(
        _url("ita-staff:result-import", organization),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    body = response.content.decode()
    assert "นำเข้าผลการประเมิน 1 ปีงบประมาณ" in body
    assert "ผลรายข้อเปลี่ยน 1 ข้อ" in body
    assert "โปรดตรวจสอบ: ปีงบประมาณ 2568: ตัวชี้วัดที่ 9" in body


def test_items_that_contradict_the_typed_indicators_give_warnings(
    imported, organization
):
    # O9 and O10 missed: sub-indicator 9.2 is 71.43, indicator 9 is 94.29 and
    # indicator 10 is 100, while 72.62 and 75.00 were typed.
    outcome = _import(organization, [_row(2568)])
    assert outcome.warnings == [
        "ปีงบประมาณ 2568: ตัวชี้วัดที่ 9 ที่กรอก 72.62 ไม่ตรงกับผลรายข้อ (คำนวณได้ 94.29)",
        "ปีงบประมาณ 2568: ตัวชี้วัดที่ 10 ที่กรอก 75.00 ไม่ตรงกับผลรายข้อ (คำนวณได้ 100.00)",
    ]
    assert outcome.warning_message.startswith("โปรดตรวจสอบ: ปีงบประมาณ 2568")
    assert "ตัวชี้วัดที่" not in outcome.message
