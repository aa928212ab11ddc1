"""The ``ita_score`` management command."""

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from prongsai.ita.tests.examples import EXAMPLE_SCORES

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = EXAMPLE_SCORES
EXAMPLE_JSON = (
    '{"iit": 89.90, "eit": 89.20, "oit": 69.15, "total": 81.39, '
    '"level": "B", "level_th": "ดี"}'
)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("ita_score", *args, stdout=out)
    return out.getvalue()


def test_example_prints_exactly_one_json_object():
    output = run("--fiscal-year", "2564", "--indicators", *EXAMPLE, "--json")
    assert output.strip() == EXAMPLE_JSON
    data = json.loads(output, parse_float=Decimal)
    assert data == {
        "iit": Decimal("89.90"),
        "eit": Decimal("89.20"),
        "oit": Decimal("69.15"),
        "total": Decimal("81.39"),
        "level": "B",
        "level_th": "ดี",
    }


def test_pass_rating_year_prints_the_rating_code_and_thai_label():
    scores = ["98"] * 5 + ["80"] * 3 + ["90"] * 2
    data = json.loads(run("--fiscal-year", "2568", "--indicators", *scores, "--json"))
    assert data["total"] == 89.4
    assert (data["level"], data["level_th"]) == ("pass", "ผ่าน")


def test_summary_without_json_is_readable_thai():
    output = run("--fiscal-year", "2564", "--indicators", *EXAMPLE)
    assert "ผลการประเมิน ITA ปีงบประมาณ 2564" in output
    assert "IIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (น้ำหนัก 0.30): 89.90" in output
    assert "คะแนนรวม: 81.39" in output
    assert "ระดับผลการประเมิน: B (ดี)" in output
    assert "ระดับถัดไป: A (ดีมาก) ต้องเพิ่ม: คะแนนรวมอีก 3.61 คะแนน" in output


def test_summary_flags_a_borderline_total():
    scores = ["85"] * 10
    output = run("--fiscal-year", "2568", "--indicators", *scores)
    assert "คะแนนรวมอยู่ห่างจากเกณฑ์ระดับไม่เกิน 0.01" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--fiscal-year", "2564", "--indicators", *EXAMPLE[:9]],
            "ต้องระบุคะแนนตัวชี้วัด 10 ค่า",
        ),
        (
            ["--fiscal-year", "2564", "--indicators", *EXAMPLE, "90"],
            "(ได้รับ 11 ค่า)",
        ),
        (["--fiscal-year", "2564"], "(ได้รับ 0 ค่า)"),
        (
            ["--fiscal-year", "2564", "--indicators", "abc", *EXAMPLE[1:]],
            "ตัวชี้วัดที่ 1 ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง",
        ),
        (
            ["--fiscal-year", "2564", "--indicators", *EXAMPLE[:9], "100.5"],
            "ตัวชี้วัดที่ 10 ต้องเป็นตัวเลข 0–100",
        ),
        (
            ["--fiscal-year", "2564", "--indicators", *EXAMPLE[:2], "-1", *EXAMPLE[3:]],
            "ตัวชี้วัดที่ 3 ต้องเป็นตัวเลข 0–100",
        ),
        (
            ["--fiscal-year", "2564", "--indicators", "93.123", *EXAMPLE[1:]],
            "ทศนิยมไม่เกิน 2 ตำแหน่ง",
        ),
        (
            ["--fiscal-year", "2579", "--indicators", *EXAMPLE],
            "ไม่พบกรอบการประเมิน ITA ของปีงบประมาณ 2579",
        ),
        (
            ["--fiscal-year", "๒๕๖๔x", "--indicators", *EXAMPLE],
            "ปีงบประมาณต้องเป็นปี พ.ศ.",
        ),
        (["--indicators", *EXAMPLE], "ต้องระบุปีงบประมาณด้วย --fiscal-year"),
    ],
    ids=[
        "too-few",
        "too-many",
        "none",
        "not-a-number",
        "above-100",
        "negative",
        "three-decimals",
        "unknown-year",
        "bad-year",
        "missing-year",
    ],
)
def test_bad_arguments_raise_command_error_in_thai(args, message):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert message in str(caught.value)


def test_console_script_prints_the_example_json():
    script = Path(sys.executable).with_name("prongsai")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(  # noqa: S603
        [
            str(script),
            "ita_score",
            "--fiscal-year",
            "2564",
            "--indicators",
            *EXAMPLE,
            "--json",
        ],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert result.stdout.decode("utf-8").strip() == EXAMPLE_JSON


def test_console_script_exits_non_zero_with_thai_on_stderr():
    script = Path(sys.executable).with_name("prongsai")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(  # noqa: S603
        [str(script), "ita_score", "--fiscal-year", "2564", "--indicators", "1"],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode != 0
    assert "ต้องระบุคะแนนตัวชี้วัด 10 ค่า" in result.stderr.decode("utf-8")
    assert result.stdout == b""
