"""Framework data files: every year loads, validates and matches its sources."""

import copy
import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from prongsai.ita.frameworks import (
    FRAMEWORKS_DIR,
    available_fiscal_years,
    clear_framework_cache,
    framework_from_data,
    load_framework,
)
from prongsai.ita.frameworks_validation import (
    research_notes_in,
    validate_framework_data,
)

YEARS = list(range(2562, 2571))  # 2570 is a provisional copy of 2569
# The domain research's OIT item lists, vendored (see data/README.md).
RESEARCH_ITEMS = Path(__file__).resolve().parent / "data"


def raw(fiscal_year: int) -> dict:
    path = FRAMEWORKS_DIR / f"fy{fiscal_year}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def research_items(fiscal_year: int) -> list[dict]:
    path = RESEARCH_ITEMS / f"oit-items-{fiscal_year}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def _without_research_notes(text: str) -> str:
    for note in research_notes_in(text):
        text = text.replace(note, "")
    return re.sub(r"\s+([.,;])", r"\1", text).strip()


def test_one_file_per_fiscal_year_2562_to_2570():
    assert available_fiscal_years() == YEARS


@pytest.mark.parametrize("year", YEARS)
def test_every_file_validates_without_errors(year):
    assert validate_framework_data(raw(year)) == []


@pytest.mark.parametrize("year", YEARS)
def test_every_file_loads_with_the_30_30_40_structure(year):
    framework = load_framework(year)
    assert framework.fiscal_year == year
    assert [t.code for t in framework.tools] == ["IIT", "EIT", "OIT"]
    assert [t.weight for t in framework.tools] == [
        Decimal("0.30"),
        Decimal("0.30"),
        Decimal("0.40"),
    ]
    assert framework.indicator_numbers == tuple(range(1, 11))
    assert framework.tool("EIT").indicators == (6, 7, 8)
    assert framework.indicator(9).name_th == "การเปิดเผยข้อมูล"
    assert framework.confidence in {"H", "M", "L"}
    assert framework.sources


@pytest.mark.parametrize(
    ("year", "scheme"),
    [(y, "grades") for y in range(2562, 2566)]
    + [(y, "pass_ratings") for y in range(2566, 2570)],
)
def test_level_scheme_changes_in_2566(year, scheme):
    assert load_framework(year).level_scheme.kind == scheme


@pytest.mark.parametrize("year", range(2562, 2566))
def test_years_without_a_recorded_item_list_have_no_items(year):
    """The notes give no item list for 2562–2565: nothing is invented."""
    framework = load_framework(year)
    assert framework.oit_items == ()
    assert framework.sub_indicators == ()
    assert framework.has_item_structure is False
    assert any("intentionally empty" in note for note in framework.notes)


@pytest.mark.parametrize("year", [2566, 2567])
def test_2566_and_2567_have_43_items_in_seven_sub_indicators(year):
    framework = load_framework(year)
    assert [i.code for i in framework.oit_items] == [f"O{n}" for n in range(1, 44)]
    assert [(s.code, len(s.items)) for s in framework.sub_indicators] == [
        ("9.1", 10),
        ("9.2", 8),
        ("9.3", 4),
        ("9.4", 4),
        ("9.5", 4),
        ("10.1", 11),
        ("10.2", 2),
    ]
    assert framework.item("O31").title_th == (
        "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่"
    )


@pytest.mark.parametrize(("year", "count"), [(2568, 27), (2569, 26)])
def test_2568_and_2569_items_match_the_research_files(year, count):
    source = research_items(year)
    framework = load_framework(year)
    assert len(framework.oit_items) == len(source) == count
    for item, original in zip(framework.oit_items, source, strict=True):
        assert item.code == original["id"]
        assert original["title_th"].startswith(item.title_th)
        assert item.title_en == original["title_en"]
        assert item.group_th == original["group"]
        # Research notes such as "(title not verified)" stay in the research
        # file; the framework keeps them in the item's notes, never in text
        # users read.
        assert list(item.requirements) == [
            _without_research_notes(text) for text in original["requirements"]
        ]
        assert list(item.evidence_type) == original["evidence_type"]
        assert item.period == original.get("period")
        assert item.data_year == original.get("data_year")
        assert item.confidence == original["confidence"]
        assert list(item.sources) == original["sources"]
        sub = next(s for s in framework.sub_indicators if s.code == item.sub_indicator)
        assert sub.indicator == original["indicator"]


@pytest.mark.parametrize("year", range(2566, 2570))
def test_every_oit_item_has_thai_wording_for_each_requirement(year):
    """Users of the Thai site see requirements_th: one Thai line per requirement."""
    thai = re.compile("[\u0e00-\u0e7f]")
    items = load_framework(year).oit_items
    assert any(item.requirements_th for item in items)
    for item in items:
        assert len(item.requirements_th) == len(item.requirements), item.code
        for text in item.requirements_th:
            assert thai.search(text), (item.code, text)


def test_2568_procurement_item_keeps_its_nine_fields():
    fields = load_framework(2568).item("O12").fields
    assert len(fields) == 9
    assert fields[-1].name_th == "เลขที่โครงการในระบบ e-GP"


@pytest.mark.parametrize("year", [2568, 2569])
def test_reconstructed_sub_indicator_split_is_marked_low_confidence(year):
    assert {s.confidence for s in load_framework(year).sub_indicators} == {"L"}


def test_framework_objects_are_immutable():
    framework = load_framework(2568)
    with pytest.raises(dataclasses.FrozenInstanceError):
        framework.fiscal_year = 2570  # type: ignore[misc]


def test_unknown_fiscal_year_raises_a_thai_value_error():
    with pytest.raises(ValueError, match="ไม่พบกรอบการประเมิน ITA ของปีงบประมาณ 2599"):
        load_framework(2599)


def test_fiscal_year_must_be_an_integer():
    with pytest.raises(ValueError, match="ปีงบประมาณต้องเป็นจำนวนเต็ม"):
        load_framework("2568")  # type: ignore[arg-type]


def test_a_new_fiscal_year_is_only_a_new_data_file(tmp_path):
    data = raw(2569)
    data["fiscal_year"] = 2570
    (tmp_path / "fy2570.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    assert available_fiscal_years(tmp_path) == [2570]
    assert load_framework(2570, directory=tmp_path).fiscal_year == 2570


def test_file_year_must_match_its_name(tmp_path):
    (tmp_path / "fy2570.yaml").write_text(
        yaml.safe_dump(raw(2569), allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="ไม่ตรงกับชื่อไฟล์"):
        load_framework(2570, directory=tmp_path)


def test_broken_file_is_refused_with_thai_messages(tmp_path):
    data = raw(2568)
    data["tools"][0]["weight"] = "0.25"
    (tmp_path / "fy2568.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    clear_framework_cache()
    with pytest.raises(ValueError) as caught:
        load_framework(2568, directory=tmp_path)
    assert "ข้อมูลกรอบการประเมิน ITA ปีงบประมาณ 2568 ไม่ถูกต้อง" in str(caught.value)
    assert "ผลรวมน้ำหนักของเครื่องมือต้องเท่ากับ 1 (ได้ 0.95)" in str(caught.value)


def test_invalid_yaml_is_reported_in_thai(tmp_path):
    (tmp_path / "fy2570.yaml").write_text("fiscal_year: [2570", encoding="utf-8")
    with pytest.raises(ValueError, match="รูปแบบ YAML ไม่ถูกต้อง"):
        load_framework(2570, directory=tmp_path)


def _broken(year, change):
    data = copy.deepcopy(raw(year))
    change(data)
    return validate_framework_data(data)


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("year", "change", "message"),
    [
        (2564, _set(("tools", 2, "weight"), "0.30"), "ผลรวมน้ำหนักของเครื่องมือต้อง"),
        (2564, _set(("tools", 0, "weight"), 0.3), 'ในรูปข้อความ เช่น "0.30"'),
        (2564, _set(("tools", 0, "weight"), "0"), "น้ำหนักต้องเป็นทศนิยมมากกว่า 0"),
        (2564, _set(("tools", 1, "code"), "IIT"), "รหัสเครื่องมือซ้ำ: IIT"),
        (2564, _set(("tools", 1, "indicators"), [5, 6, 7, 8]), "ตัวชี้วัดที่ 5 อยู่ใน"),
        (2564, _set(("tools", 1, "indicators"), [6, 7]), "ตัวชี้วัดที่ 8 ไม่อยู่ใน"),
        (2564, _set(("indicators", 7, "tool"), "OIT"), "ตัวชี้วัดที่ 8 ระบุเครื่องมือ"),
        (2564, _set(("indicators", 1, "number"), 1), "หมายเลขตัวชี้วัดซ้ำ: 1"),
        (2564, _set(("indicators", 2, "confidence"), "X"), "ค่า confidence"),
        (2564, _set(("level_scheme",), "letters"), "level_scheme ต้องเป็น"),
        (2564, _set(("levels", 0, "code"), "AAA"), "รหัสไม่อยู่ในแบบ grades"),
        (2564, _set(("levels", 1, "min_total"), "96.00"), "ต้องเรียงจากสูงไปต่ำ"),
        (2564, _set(("levels", 6, "min_total"), "10.00"), "ระดับสุดท้ายต้องมี"),
        (2564, _set(("fiscal_year",), "2564"), "fiscal_year ต้องเป็นปีงบประมาณ"),
        (2564, _set(("name_th",), ""), "ต้องมีชื่อการประเมินภาษาไทย"),
        (2568, _set(("oit_items", 0, "sub_indicator"), "9.9"), "ข้อ O1: ไม่พบตัวชี้วัดย่อย"),
        (2568, _set(("oit_items", 0, "sub_indicator"), "9.2"), "ไม่อยู่ในรายการข้อ"),
        (2568, _set(("oit_items", 1, "code"), "O1"), "รหัสข้อ OIT ซ้ำ: O1"),
        (2568, _set(("oit_items", 1, "code"), "2"), 'รหัสข้อ OIT ต้องอยู่ในรูป "O1"'),
        (2568, _set(("oit_items", 0, "title_th"), ""), "ข้อ O1: ต้องมีชื่อภาษาไทย"),
        (2568, _set(("oit_items", 0, "period"), "someday"), "period ไม่ถูกต้อง"),
        (2568, _set(("oit_items", 0, "evidence_type"), ["fax"]), "evidence_type"),
        (2568, _set(("oit_items", 0, "sources"), ["nowhere"]), "ไม่พบแหล่งอ้างอิง"),
        (2568, _set(("sub_indicators", 1, "code"), "9.1"), "รหัสตัวชี้วัดย่อยซ้ำ"),
        (2568, _set(("sub_indicators", 0, "indicator"), 10), "รหัสไม่ตรงกับตัวชี้วัด"),
        (2568, _set(("sub_indicators", 0, "items"), []), "อย่างน้อยหนึ่งข้อ"),
        (2568, _set(("sub_indicators", 1, "items"), ["O1"]), "มากกว่าหนึ่งรายการ"),
        (2568, _set(("sub_indicators", 0, "code"), 9.1), 'อยู่ในรูป "9.1"'),
        (2568, _set(("oit_items",), []), "ไม่มีรายการข้อ OIT"),
    ],
)
def test_broken_data_yields_thai_error_messages(year, change, message):
    errors = _broken(year, change)
    assert any(message in error for error in errors), errors


def test_missing_sub_indicators_for_indicator_10_are_reported():
    def change(data):
        data["sub_indicators"] = [
            s for s in data["sub_indicators"] if s["indicator"] == 9
        ]
        data["oit_items"] = [
            i for i in data["oit_items"] if not i["sub_indicator"].startswith("10.")
        ]

    errors = _broken(2568, change)
    assert any("ตัวชี้วัดที่ 10 ไม่มีตัวชี้วัดย่อย" in e for e in errors), errors


@pytest.mark.parametrize("garbage", [None, [], "fy2568", 42])
def test_validation_never_raises_on_garbage(garbage):
    assert validate_framework_data(garbage) == [
        "ข้อมูลกรอบการประเมินต้องเป็นออบเจ็กต์ (mapping)"
    ]


def test_empty_mapping_lists_the_missing_fields():
    errors = validate_framework_data({})
    assert errors[0].startswith("ไม่มีฟิลด์ที่จำเป็น: fiscal_year, name_th")


def test_framework_from_invalid_data_raises_value_error():
    data = raw(2566)
    data["tools"] = data["tools"][:2]
    with pytest.raises(ValueError, match="ไม่มีเครื่องมือ: OIT"):
        framework_from_data(data)
