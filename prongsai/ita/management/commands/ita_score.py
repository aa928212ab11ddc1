"""Compute an ITA total and level from the ten indicator scores.

Example::

    prongsai ita_score --fiscal-year 2564 \\
        --indicators 93.1 88.0 91.0 87.9 89.5 90.5 88.6 88.5 72.8 65.5 --json

Arguments are parsed here rather than by argparse types so that every
mistake is reported in Thai (argparse's own messages are English).
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.ita.frameworks import Framework, load_framework
from prongsai.ita.scoring import (
    ScoreResult,
    points_to_next_level,
    score,
)


def _json_number(value: Decimal) -> str:
    """A two-decimal Decimal as a JSON number literal, without a float detour."""
    return format(value, "f")


def render_json(result: ScoreResult) -> str:
    """One JSON object with the rounded scores and the level of ``result``."""
    data = result.as_dict()
    parts = []
    for key, value in data.items():
        literal = (
            _json_number(value)
            if isinstance(value, Decimal)
            else json.dumps(value, ensure_ascii=False)
        )
        parts.append(f"{json.dumps(key)}: {literal}")
    return "{" + ", ".join(parts) + "}"


class Command(BaseCommand):
    help = (
        "Compute the ITA tool scores, total and level of a fiscal year from the "
        "ten indicator scores (0–100, at most two decimals)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fiscal-year",
            dest="fiscal_year",
            help="Thai fiscal year in the Buddhist era, e.g. 2568",
        )
        parser.add_argument(
            "--indicators",
            nargs="+",
            metavar="SCORE",
            help="Scores of indicators 1 to 10, in order",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object instead of a Thai summary",
        )

    def handle(self, *args, **options) -> None:
        framework = self._framework(options.get("fiscal_year"))
        values = options.get("indicators") or []
        numbers = framework.indicator_numbers
        if len(values) != len(numbers):
            raise CommandError(
                f"ต้องระบุคะแนนตัวชี้วัด {len(numbers)} ค่าเรียงตามตัวชี้วัดที่ "
                f"{numbers[0]}–{numbers[-1]} หลัง --indicators "
                f"(ได้รับ {len(values)} ค่า)"
            )
        try:
            result = score(framework, dict(zip(numbers, values, strict=True)))
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(render_json(result))
        else:
            self._write_summary(framework, result)

    def _framework(self, raw_year: object) -> Framework:
        if raw_year is None:
            raise CommandError("ต้องระบุปีงบประมาณด้วย --fiscal-year เช่น 2568")
        text = str(raw_year).strip()
        if not text.isdigit():
            raise CommandError(
                f"ปีงบประมาณต้องเป็นปี พ.ศ. เป็นตัวเลข เช่น 2568 (ได้รับ: {raw_year})"
            )
        try:
            return load_framework(int(text))
        except ValueError as error:
            raise CommandError(str(error)) from error

    def _write_summary(self, framework: Framework, result: ScoreResult) -> None:
        write = self.stdout.write
        write(f"ผลการประเมิน ITA ปีงบประมาณ {framework.fiscal_year}")
        for tool in framework.tools:
            value = getattr(result, tool.code.lower())
            write(f"  {tool.code} {tool.name_th} (น้ำหนัก {tool.weight}): {value}")
        write(f"  คะแนนรวม: {result.total}")
        write(f"  ระดับผลการประเมิน: {result.level.code} ({result.level.label_th})")
        if result.borderline:
            write(
                "  หมายเหตุ: คะแนนรวมอยู่ห่างจากเกณฑ์ระดับไม่เกิน 0.01 "
                "ควรตรวจสอบกับผลที่ประกาศอย่างเป็นทางการ"
            )
        if result.borderline_tools:
            write(
                "  หมายเหตุ: คะแนน "
                + ", ".join(result.borderline_tools)
                + " อยู่ห่างจากเกณฑ์รายเครื่องมือไม่เกิน 0.01"
            )
        gap = points_to_next_level(
            framework, result.total, result.iit, result.eit, result.oit
        )
        if gap is not None:
            needs = []
            if gap.total_points > 0:
                needs.append(f"คะแนนรวมอีก {gap.total_points} คะแนน")
            for key, points in gap.tool_points.items():
                needs.append(f"{key.upper()} อีก {points} คะแนน")
            write(
                f"  ระดับถัดไป: {gap.code} ({gap.label_th}) ต้องเพิ่ม: " + ", ".join(needs)
            )
