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
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.ita.frameworks import Framework, load_framework
from prongsai.ita.scoring import ScoreResult, score
from prongsai.ita.scoring_simulation import points_to_next_level


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
        with translation.override("th"):
            self._handle(options)

    def _handle(self, options) -> None:
        framework = self._framework(options.get("fiscal_year"))
        values = options.get("indicators") or []
        numbers = framework.indicator_numbers
        if len(values) != len(numbers):
            raise CommandError(
                _(
                    "Give %(count)s indicator scores after --indicators, in the "
                    "order of indicators %(first)s–%(last)s (got %(given)s)"
                )
                % {
                    "count": len(numbers),
                    "first": numbers[0],
                    "last": numbers[-1],
                    "given": len(values),
                }
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
            raise CommandError(
                _("Give the fiscal year with --fiscal-year, for example 2568")
            )
        text = str(raw_year).strip()
        if not text.isdigit():
            raise CommandError(
                _(
                    "The fiscal year must be a Buddhist-era year in digits, for "
                    "example 2568 (got: %(value)s)"
                )
                % {"value": raw_year}
            )
        try:
            return load_framework(int(text))
        except ValueError as error:
            raise CommandError(str(error)) from error

    def _write_summary(self, framework: Framework, result: ScoreResult) -> None:
        write = self.stdout.write
        write(_("ITA result, fiscal year %(year)s") % {"year": framework.fiscal_year})
        indent = "  "
        for tool in framework.tools:
            value = getattr(result, tool.code.lower())
            write(
                indent
                + _("%(code)s %(name)s (weight %(weight)s): %(value)s")
                % {
                    "code": tool.code,
                    "name": tool.name_th,
                    "weight": tool.weight,
                    "value": value,
                }
            )
        write(indent + _("Total score: %(total)s") % {"total": result.total})
        write(
            indent
            + _("Assessment level: %(code)s (%(label)s)")
            % {"code": result.level.code, "label": result.level.label_th}
        )
        if result.borderline:
            write(
                indent
                + _(
                    "Note: the total is within 0.01 of a level boundary; check it "
                    "against the official result"
                )
            )
        if result.borderline_tools:
            write(
                indent
                + _("Note: %(tools)s within 0.01 of a tool boundary")
                % {"tools": ", ".join(result.borderline_tools)}
            )
        gap = points_to_next_level(
            framework, result.total, result.iit, result.eit, result.oit
        )
        if gap is not None:
            needs = []
            if gap.total_points > 0:
                needs.append(
                    _("%(points)s more points of total score")
                    % {"points": gap.total_points}
                )
            for key, points in gap.tool_points.items():
                needs.append(
                    _("%(tool)s %(points)s more points")
                    % {"tool": key.upper(), "points": points}
                )
            write(
                indent
                + _("Next level: %(code)s (%(label)s) needs: %(needs)s")
                % {"code": gap.code, "label": gap.label_th, "needs": ", ".join(needs)}
            )
