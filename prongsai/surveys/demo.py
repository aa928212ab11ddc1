"""Demo pulse surveys for Ban Dong in the current fiscal year, answered so
that the indicator scores come out near its latest published ITA result
(``ita.ItaResult``, loaded by ``ita.demo`` first), so a backtest can compare.

Answers are drawn with a seeded random generator from each indicator's
target: a respondent leans a little above or below it, and each answer is
the level whose expected score matches. Nothing here writes a score.

- an open IIT pulse: one round sent to the demo members (their inbox shows
  the link), and 25 paper-slip links of the same round answered;
- an open EIT pulse: 60 answers, twelve of them by the single-use links of
  completed demo E-Service requests, the rest on the public page (QR code);
- a closed satisfaction survey "after service" with 30 answers.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.eservices.models import ServiceRequest, Status
from prongsai.ita.selectors import ita_result_list
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from . import services
from .models import Survey
from .questions import SCALES
from .selectors import survey_questions
from .services_eit import eit_token_create

SEED = 2568
IIT_RESPONSES = 25
EIT_RESPONSES = 60
EIT_BY_LINK = 12
SATISFACTION_RESPONSES = 30
SATISFACTION_QUESTIONS = [
    "ความพึงพอใจต่อขั้นตอนการให้บริการ",
    "ความพึงพอใจต่อเจ้าหน้าที่ผู้ให้บริการ",
    "ความพึงพอใจต่อสถานที่และสิ่งอำนวยความสะดวก",
    "ความพึงพอใจโดยรวม",
]


def _value(rng: random.Random, question, target: float) -> int:
    """One answer whose expected score is ``target`` (0-100)."""
    top = SCALES[question.scale] - 1
    level = max(0.0, min(1.0, target / 100)) * top
    floor = int(level)
    value = min(top, floor + (1 if rng.random() < level - floor else 0))
    return top - value if question.reversed else value


def _answers(rng: random.Random, survey: Survey, targets: dict[int, float]) -> dict:
    lean = rng.gauss(0, 6)
    out = {}
    for question in survey_questions(survey):
        target = targets.get(question.indicator, 80.0) + lean
        out[question.code] = [
            _value(rng, question, target) for _n in range(question.answer_count)
        ]
    return out


def _targets(organization) -> dict[int, float]:
    latest = ita_result_list(organization=organization).first()
    scores = latest.indicators if latest is not None else {}
    return {n: float(scores.get(n) or Decimal("85")) for n in range(1, 9)}


def _survey(actor, organization, kind, title, **kwargs) -> Survey:
    year = thai_dates.fiscal_year(timezone.localdate())
    survey = services.survey_create(
        actor=actor,
        organization=organization,
        kind=kind,
        fiscal_year=year,
        title=title,
        **kwargs,
    )
    services.survey_set_status(actor=actor, survey=survey, status=Survey.Status.OPEN)
    return survey


def _iit(actor, organization, rng, targets) -> None:
    survey = _survey(
        actor,
        organization,
        Survey.Kind.IIT,
        "สำรวจความคิดเห็นบุคลากร (IIT) รอบไตรมาสที่ 1",
        description="แบบสำรวจไม่ระบุตัวตน ใช้ข้อคำถามของแบบวัด IIT",
    )
    survey_round = services.iit_round_send(actor=actor, survey=survey)
    for raw in services.iit_round_paper_links(
        actor=actor, survey_round=survey_round, count=IIT_RESPONSES
    ):
        services.response_submit_by_token(
            organization=organization,
            raw_token=raw,
            answers=_answers(rng, survey, targets),
        )


def _eit(actor, organization, rng, targets) -> None:
    survey = _survey(
        actor,
        organization,
        Survey.Kind.EIT,
        "สำรวจความคิดเห็นผู้รับบริการ (EIT)",
        description="ขอความร่วมมือประเมินการให้บริการของ อบต.บ้านดง",
    )
    completed = ServiceRequest.objects.for_organization(organization).filter(
        status=Status.COMPLETED
    )
    by_link = 0
    for request in completed.order_by("pk")[:EIT_BY_LINK]:
        raw = eit_token_create(survey=survey, subject=f"eservices.request:{request.pk}")
        if raw is None:
            continue
        services.response_submit_by_token(
            organization=organization,
            raw_token=raw,
            answers=_answers(rng, survey, targets),
        )
        by_link += 1
    for _n in range(EIT_RESPONSES - by_link):
        services.response_submit_public(
            survey=survey, answers=_answers(rng, survey, targets)
        )


def _satisfaction(actor, organization, rng) -> None:
    survey = _survey(
        actor,
        organization,
        Survey.Kind.SATISFACTION,
        "แบบสำรวจความพึงพอใจหลังรับบริการ",
        custom_questions=SATISFACTION_QUESTIONS,
    )
    for _n in range(SATISFACTION_RESPONSES):
        services.response_submit_public(
            survey=survey, answers=_answers(rng, survey, {0: 84.0})
        )
    services.survey_set_status(actor=actor, survey=survey, status=Survey.Status.CLOSED)


def load_surveys_demo(organizations) -> None:
    for organization in organizations:
        if organization.slug != "bandong":
            continue
        if Survey.objects.for_organization(organization).exists():
            continue
        coordinators = membership_list_with_role(
            organization=organization, role=Role.ITA_COORDINATOR
        )
        if not coordinators:
            continue
        actor = coordinators[0].user
        rng = random.Random(SEED)  # noqa: S311 (demo answers, reproducible)
        targets = _targets(organization)
        _iit(actor, organization, rng, targets)
        _eit(actor, organization, rng, targets)
        _satisfaction(actor, organization, rng)


load_surveys_demo.demo_order = 20  # after the ITA results and E-Service requests
DEMO_LOADER = load_surveys_demo
