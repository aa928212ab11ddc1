"""The IIT/EIT question sets load from data, validated, per fiscal year."""

import copy

import pytest
import yaml

from prongsai.surveys import questions
from prongsai.surveys.questions import (
    QUESTIONS_DIR,
    load_question_set,
    question_set_from_data,
    validate_question_data,
)


def _data():
    return yaml.safe_load((QUESTIONS_DIR / "fy2568.yaml").read_text(encoding="utf-8"))


def test_2568_has_thirty_iit_and_fifteen_eit_items_in_their_indicators():
    qs = load_question_set(2568)
    assert not qs.provisional
    assert [i.code for i in qs.items_of("IIT")] == [f"i{n}" for n in range(1, 31)]
    assert [i.code for i in qs.items_of("EIT")] == [f"e{n}" for n in range(1, 16)]
    for number, first in zip(range(1, 6), range(1, 31, 6), strict=True):
        codes = [i.code for i in qs.indicator(number).items]
        assert codes == [f"i{n}" for n in range(first, first + 6)]
    for number, first in zip(range(6, 9), range(1, 16, 5), strict=True):
        codes = [i.code for i in qs.indicator(number).items]
        assert codes == [f"e{n}" for n in range(first, first + 5)]


def test_scales_reversed_items_and_bullets_follow_the_research_note():
    qs = load_question_set(2568)
    assert qs.item("i4").scale == "yes_no" and qs.item("i4").reversed
    assert qs.item("i4").answer_count == 3
    assert qs.item("i3").scale == "four_level" and len(qs.item("i3").bullets) == 3
    assert {i.code for i in qs.items_of("IIT") if i.reversed} == {
        "i4",
        "i5",
        "i6",
        "i9",
        "i10",
        "i16",
        "i17",
        "i18",
        "i19",
    }
    assert qs.item("e8").scale == "yes_no" and not qs.item("e8").reversed
    assert qs.item("e4").reversed
    assert qs.item("i1").answer_count == 1
    assert qs.item("i2").confidence == "M" and qs.item("i7").confidence == "L"


@pytest.mark.parametrize("year", [2569, 2570])
def test_a_year_without_its_own_file_gets_the_latest_set_marked_provisional(year):
    qs = load_question_set(year)
    assert qs.fiscal_year == year
    assert qs.provisional and qs.based_on == 2568
    assert len(qs.items_of("IIT")) == 30


def test_a_year_before_every_file_gets_the_earliest_set():
    qs = load_question_set(2560)
    assert qs.provisional and qs.based_on == 2568


@pytest.mark.parametrize("year", ["2568", 2568.0, True, None])
def test_a_year_that_is_not_a_whole_number_is_refused(year):
    with pytest.raises(ValueError):
        load_question_set(year)


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(ValueError):
        load_question_set(2568, directory=tmp_path)


def test_the_file_name_must_match_its_year(tmp_path):
    data = _data()
    data["fiscal_year"] = 2569
    (tmp_path / "fy2568.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    questions.clear_question_cache()
    with pytest.raises(ValueError, match="ไม่ตรงกับชื่อไฟล์"):
        load_question_set(2568, directory=tmp_path)


def test_the_shipped_file_is_valid():
    assert validate_question_data(_data()) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["indicators"][0]["items"][0].update(scale="five"), "มาตรวัด"),
        (lambda d: d["indicators"][0]["items"][0].update(reversed="no"), "reversed"),
        (lambda d: d["indicators"][0]["items"][0].update(code="x1"), "รหัสข้อ"),
        (lambda d: d["indicators"][0]["items"][1].update(code="i1"), "ซ้ำ"),
        (lambda d: d["indicators"][0]["items"][0].update(bullets=["a"]), "2 ข้อย่อย"),
        (lambda d: d["indicators"][0]["items"][0].update(confidence="X"), "confidence"),
        (lambda d: d["indicators"][0]["items"][0].update(text_th=" "), "text_th"),
        (lambda d: d["indicators"][5].update(tool="IIT"), "เครื่องมือ"),
        (lambda d: d["indicators"][5]["items"][0].update(code="i99"), "ขึ้นต้นด้วย e"),
        (lambda d: d["indicators"].pop(), "1 ถึง 8"),
        (lambda d: d.update(fiscal_year="2568"), "fiscal_year"),
    ],
)
def test_validation_names_each_problem_in_thai(change, message):
    data = copy.deepcopy(_data())
    change(data)
    errors = validate_question_data(data)
    assert any(message in e for e in errors), errors
    with pytest.raises(ValueError):
        question_set_from_data(data)


def test_validation_of_something_that_is_not_a_mapping():
    assert validate_question_data([]) != []
