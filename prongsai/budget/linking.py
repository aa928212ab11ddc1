"""Which budget line a procurement spends, and which plan project a budget
line funds: pure matching (no database), so every rule is tested alone.

A procurement names its line in words (แผนงาน, งาน, งบ, ประเภท and the
รายการ as the officer typed it) and has a title; a budget line has the same
words as the ordinance wrote them. The texts are compared after
normalisation (spaces, Thai digits, the usual abbreviations such as คสล. and
ม.); the officer confirms or rejects every suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from prongsai.core.thai_dates import to_arabic_digits

# A suggestion needs at least this score; the best lines within MARGIN of the
# best score are all suggested (the officer chooses), at most MAX_SUGGESTIONS.
THRESHOLD = 45
MARGIN = 5
MAX_SUGGESTIONS = 3
PROJECT_THRESHOLD = 0.6

_ABBREVIATIONS = (
    (r"ค\.?ส\.?ล\.?", "คอนกรีตเสริมเหล็ก"),
    (r"หมู่ที่|ม\.(?=\s*\d)", "หมู่"),
    (r"บ้าน(?=\s)", "บ้าน"),
    (r"อ\.?บ\.?ต\.?", "องค์การบริหารส่วนตำบล"),
    (r"ร\.?ร\.?", "โรงเรียน"),
    (r"ศพด\.?", "ศูนย์พัฒนาเด็กเล็ก"),
)
_PREFIXES = ("โครงการ", "แผนงาน", "งาน", "ประเภท", "รายการ", "ค่า")


def normalise(text: str) -> str:
    """Lower case, Arabic digits, abbreviations spelled out, no spaces or
    punctuation, without a leading โครงการ/แผนงาน/งาน."""
    text = to_arabic_digits(str(text or "")).lower()
    for pattern, full in _ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    text = re.sub(r"[\s\"'“”‘’(),.\-–/:;]+", "", text)
    for prefix in _PREFIXES[:3]:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
    return text


def similarity(a: str, b: str) -> float:
    """0..1: how alike two texts are after :func:`normalise`; 1 when one
    holds the other whole and is at least half as long."""
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    short, long = sorted((left, right), key=len)
    if short in long and len(short) * 2 >= len(long):
        return 0.95
    return SequenceMatcher(None, left, right, autojunk=False).ratio()


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", to_arabic_digits(str(text or ""))))


@dataclass(frozen=True)
class LineFacts:
    """What matching needs of a budget line."""

    id: int
    fiscal_year: int
    programme: str
    work: str
    category: str
    expense_class: str
    expense_type: str
    item: str
    project_name: str = ""
    project_cancelled: bool = False


@dataclass(frozen=True)
class ProcurementFacts:
    """What matching needs of a procurement."""

    fiscal_year: int
    title: str
    budget_plan: str = ""
    budget_work: str = ""
    budget_category: str = ""
    expense_type: str = ""
    budget_line: str = ""


@dataclass
class Suggestion:
    line_id: int
    score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)[:300]


def score_line(procurement: ProcurementFacts, line: LineFacts) -> Suggestion | None:
    """How well ``line`` fits ``procurement`` (None: it cannot be the line)."""
    if line.fiscal_year != procurement.fiscal_year:
        return None
    if procurement.budget_category and line.category != procurement.budget_category:
        return None
    if line.project_cancelled:
        return None
    score = 0
    reasons: list[str] = []
    # The line as the officer wrote it on the procurement.
    if procurement.budget_line:
        alike = similarity(procurement.budget_line, line.item)
        if alike >= 0.99:
            score += 60
            reasons.append(_("the budget line named on the procurement"))
        elif alike >= 0.7:
            score += int(50 * alike)
            reasons.append(
                _("the budget line named on the procurement is %(percent)s%% alike")
                % {"percent": int(alike * 100)}
            )
    # The procured work against the line's item and its project.
    title_item = similarity(procurement.title, line.item)
    title_project = (
        similarity(procurement.title, line.project_name) if line.project_name else 0
    )
    best_title = max(title_item, title_project)
    if best_title >= 0.6:
        score += int(45 * best_title)
        if title_item >= title_project:
            reasons.append(
                _("the procured work is %(percent)s%% alike the line's item")
                % {"percent": int(title_item * 100)}
            )
        else:
            reasons.append(
                _("the procured work is %(percent)s%% alike the project “%(name)s”")
                % {"percent": int(title_project * 100), "name": line.project_name}
            )
    # Village numbers and the like must agree when both texts have them.
    named = _numbers(procurement.budget_line or procurement.title)
    have = _numbers(line.item) | _numbers(line.project_name)
    if named and have:
        if named & have:
            score += 5
        else:
            score -= 25
    if (
        procurement.budget_plan
        and similarity(procurement.budget_plan, line.programme) >= 0.9
    ):
        score += 10
        reasons.append(_("same programme"))
    if (
        procurement.budget_work
        and line.work
        and similarity(procurement.budget_work, line.work) >= 0.9
    ):
        score += 5
        reasons.append(_("same work"))
    if (
        procurement.expense_type
        and max(
            similarity(procurement.expense_type, line.expense_type),
            similarity(procurement.expense_type, line.expense_class),
        )
        >= 0.9
    ):
        score += 5
        reasons.append(_("same expense type"))
    if not reasons:
        return None
    return Suggestion(line_id=line.id, score=score, reasons=reasons)


def suggest_lines(
    procurement: ProcurementFacts,
    lines: list[LineFacts],
    *,
    rejected: frozenset[int] | set[int] = frozenset(),
) -> list[Suggestion]:
    """The lines to suggest for ``procurement``, best first; never a line the
    officer already rejected for it."""
    scored = [
        suggestion
        for line in lines
        if line.id not in rejected
        and (suggestion := score_line(procurement, line)) is not None
        and suggestion.score >= THRESHOLD
    ]
    if not scored:
        return []
    scored.sort(key=lambda s: (-s.score, s.line_id))
    best = scored[0].score
    return [s for s in scored if s.score >= best - MARGIN][:MAX_SUGGESTIONS]


@dataclass(frozen=True)
class ProjectFacts:
    id: int
    number: int
    name: str


def suggest_projects(
    item: str, projects: list[ProjectFacts], *, limit: int = 5
) -> list[tuple[ProjectFacts, float]]:
    """Plan projects whose name is like a budget line's item, best first."""
    scored = [(project, similarity(item, project.name)) for project in projects]
    scored = [pair for pair in scored if pair[1] >= PROJECT_THRESHOLD]
    scored.sort(key=lambda pair: (-pair[1], pair[0].number))
    return scored[:limit]
