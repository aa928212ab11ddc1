"""Writes of the pulse surveys: making and opening surveys, sending IIT
links, and taking answers.

Taking an answer writes no audit row and no log line: an IIT answer must not
be tied to the moment or the person who gave it (see ``models``).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.workflow import Workflow, step, transition
from prongsai.notifications.services import notify
from prongsai.organizations.models import Membership, Organization
from prongsai.organizations.roles import Role

from .models import Survey, SurveyInvitation, SurveyResponse, SurveyRound, SurveyToken
from .questions import FIVE_LEVEL, SCALES, load_question_set

MAX_CUSTOM_QUESTIONS = 20
CUSTOM_QUESTION_MAX_LENGTH = 300

_MANAGERS = frozenset({Role.ITA_COORDINATOR, Role.ORG_ADMIN})


def _roles_of(actor, survey: Survey) -> list[str]:
    membership = (
        Membership.objects.filter(
            organization=survey.organization, user=actor, is_active=True
        ).first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    return list(membership.roles) if membership is not None else []


SURVEY_WORKFLOW = Workflow(
    action="survey.status",
    labels=Survey.Status,
    roles_of=_roles_of,
    forbidden=_("Only the ITA coordinator or an administrator may do this."),
    steps=(
        step(
            Survey.Status.OPEN,
            {Survey.Status.DRAFT, Survey.Status.CLOSED},
            roles=_MANAGERS,
        ),
        step(Survey.Status.CLOSED, {Survey.Status.OPEN}, roles=_MANAGERS),
    ),
)


def token_hash(raw: str) -> str:
    """The stored form of a link's token (SHA-256; the token itself is never
    stored)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def _custom(lines: list[str]) -> list[dict[str, Any]]:
    texts = [line.strip() for line in lines if line and line.strip()]
    if len(texts) > MAX_CUSTOM_QUESTIONS:
        raise DomainError(
            _("At most %(count)s questions of your own.")
            % {"count": MAX_CUSTOM_QUESTIONS},
            field="custom_questions",
        )
    if any(len(t) > CUSTOM_QUESTION_MAX_LENGTH for t in texts):
        raise DomainError(
            _("A question may be at most %(count)s characters long.")
            % {"count": CUSTOM_QUESTION_MAX_LENGTH},
            field="custom_questions",
        )
    return [
        {
            "code": f"c{number}",
            "indicator": 0,
            "text_th": text,
            "scale": FIVE_LEVEL,
            "reversed": False,
            "bullets": [],
        }
        for number, text in enumerate(texts, start=1)
    ]


@transaction.atomic
def survey_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    fiscal_year: int,
    title: str,
    description: str = "",
    opens_on: date | None = None,
    closes_on: date | None = None,
    custom_questions: list[str] | None = None,
) -> Survey:
    """A draft survey whose questions copy the fiscal year's IIT or EIT set
    (served from the latest set when the year has none of its own), then
    the custom questions (five levels, outside the ITA indicators)."""
    questions: list[dict[str, Any]] = []
    question_year = None
    if kind in (Survey.Kind.IIT, Survey.Kind.EIT):
        question_set = load_question_set(fiscal_year)
        question_year = question_set.based_on or question_set.fiscal_year
        questions = [
            {
                "code": item.code,
                "indicator": item.indicator,
                "text_th": item.text_th,
                "scale": item.scale,
                "reversed": item.reversed,
                "bullets": list(item.bullets),
            }
            for item in question_set.items_of(kind.upper())
        ]
    custom = _custom(custom_questions or [])
    if kind == Survey.Kind.SATISFACTION and not custom:
        raise DomainError(
            _("Write at least one question, one per line."), field="custom_questions"
        )
    if opens_on and closes_on and closes_on < opens_on:
        raise DomainError(
            _("The survey cannot close before it opens."), field="closes_on"
        )
    survey = Survey(
        organization=organization,
        kind=kind,
        fiscal_year=fiscal_year,
        title=title.strip(),
        description=description.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        questions=questions + custom,
        question_year=question_year,
        created_by=actor,
    )
    survey.full_clean()
    survey.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="survey.create",
        target=survey,
        changes={"title": survey.title, "kind": kind, "fiscal_year": fiscal_year},
    )
    return survey


@transaction.atomic
def survey_set_status(*, actor: User, survey: Survey, status: str) -> Survey:
    """Open or close a survey (``core.workflow``: the ITA coordinator or an
    administrator)."""
    transition(survey, status, actor=actor, workflow=SURVEY_WORKFLOW)
    return survey


@transaction.atomic
def iit_round_send(*, actor: User, survey: Survey) -> SurveyRound:
    """Send a new round of an open IIT pulse: one single-use link to every
    active member, by the channels each chose (``notify``).

    The invitations say who was sent a link; the tokens are made first, in
    random order, so that neither their ids nor their order point back at
    the invitations.
    """
    if not survey.is_iit:
        raise DomainError(_("Only an IIT pulse is sent to the members."))
    if not survey.is_open:
        raise DomainError(_("Open the survey before sending the links."))
    members = list(
        Membership.objects.active()
        .filter(organization=survey.organization)
        .select_related("user")
    )
    if not members:
        raise DomainError(_("The organisation has no active members."))
    last = survey.rounds.order_by("-number").first()
    today = timezone.localdate()
    survey_round = SurveyRound.objects.create(
        organization=survey.organization,
        survey=survey,
        number=(last.number + 1) if last else 1,
        sent_on=today,
        invited=len(members),
        sent_by=actor,
    )
    raw_tokens = [_new_token() for _member in members]
    SurveyToken.objects.bulk_create(
        SurveyToken(
            organization=survey.organization,
            survey=survey,
            round=survey_round,
            token_hash=token_hash(raw),
            issued_on=today,
        )
        for raw in sorted(raw_tokens)  # stored in an order unrelated to members
    )
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(
            organization=survey.organization, round=survey_round, membership=m
        )
        for m in members
    )
    secrets.SystemRandom().shuffle(raw_tokens)
    for membership, raw in zip(members, raw_tokens, strict=True):
        _send_link(survey, survey_round, membership, raw)
    audit_log(
        actor=actor,
        organization=survey.organization,
        action="survey.round_send",
        target=survey,
        changes={"round": survey_round.number, "invited": len(members)},
    )
    return survey_round


@transaction.atomic
def iit_round_paper_links(
    *, actor: User, survey_round: SurveyRound, count: int
) -> list[str]:
    """``count`` more single-use links of a round, for staff without an
    account (printed on slips and handed out at random). Returns the links'
    tokens; only their hashes are kept."""
    survey = survey_round.survey
    if not survey.is_open:
        raise DomainError(_("Open the survey before sending the links."))
    if not 1 <= count <= 500:
        raise DomainError(_("Between 1 and 500 links at a time."))
    today = timezone.localdate()
    raws = sorted(_new_token() for _n in range(count))
    SurveyToken.objects.bulk_create(
        SurveyToken(
            organization=survey.organization,
            survey=survey,
            round=survey_round,
            token_hash=token_hash(raw),
            issued_on=today,
        )
        for raw in raws
    )
    SurveyRound.objects.for_organization(survey.organization).filter(
        pk=survey_round.pk
    ).update(invited=survey_round.invited + count)
    survey_round.invited += count
    audit_log(
        actor=actor,
        organization=survey.organization,
        action="survey.round_paper_links",
        target=survey,
        changes={"round": survey_round.number, "invited": count},
    )
    return raws


def _send_link(survey, survey_round, membership, raw: str) -> None:
    url = reverse(
        "surveys-public:token-answer",
        kwargs={"org": survey.organization.slug, "token": raw},
    )
    notify(
        organization=survey.organization,
        recipient=membership,
        kind="surveys/iit_invitation",
        context={"survey": survey, "round": survey_round.number},
        url=url,
        dedup_key=f"surveys.iit_round:{survey_round.pk}",
    )


def clean_answers(survey: Survey, raw: dict[str, list[int | None]]) -> dict[str, list]:
    """The answers checked against the survey's questions: every code known,
    one value per bullet, each value on its scale (``DomainError`` if not)."""
    known = {q["code"]: q for q in survey.questions}
    cleaned: dict[str, list] = {}
    for code, values in raw.items():
        question = known.get(code)
        expected = len(question["bullets"]) or 1 if question else 0
        if question is None or not isinstance(values, list) or len(values) != expected:
            raise DomainError(_("The answers do not match this survey's questions."))
        levels = SCALES[question["scale"]]
        for value in values:
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 0 <= value < levels
            ):
                raise DomainError(
                    _("The answers do not match this survey's questions.")
                )
        cleaned[code] = list(values)
    if not any(v is not None for values in cleaned.values() for v in values):
        raise DomainError(_("Answer at least one question."))
    return cleaned


def _response(survey, answers, *, channel, survey_round=None) -> SurveyResponse:
    response = SurveyResponse(
        organization=survey.organization,
        survey=survey,
        round=survey_round,
        submitted_on=timezone.localdate(),
        channel=channel,
        answers=clean_answers(survey, answers),
    )
    response.full_clean()
    response.save()
    return response


def _check_open(survey: Survey) -> None:
    today = timezone.localdate()
    if (
        not survey.is_open
        or (survey.opens_on and today < survey.opens_on)
        or (survey.closes_on and today > survey.closes_on)
    ):
        raise DomainError(_("This survey is not taking answers now."))


def token_get_usable(*, organization: Organization, raw_token: str) -> SurveyToken:
    """The unused token ``raw_token`` of an open survey; DomainError if not."""
    token = (
        SurveyToken.objects.for_organization(organization)
        .select_related("survey", "survey__organization", "round")
        .filter(token_hash=token_hash(raw_token or ""))
        .first()
    )
    if token is None or token.used:
        raise DomainError(_("This link has already been used or is not valid."))
    _check_open(token.survey)
    return token


@transaction.atomic
def response_submit_by_token(
    *, organization: Organization, raw_token: str, answers: dict
) -> SurveyResponse:
    """Answer with a single-use link: the token is spent and the answers are
    stored without it. No audit row, no log line (anonymity)."""
    token = token_get_usable(organization=organization, raw_token=raw_token)
    spent = SurveyToken.objects.for_organization(organization).filter(
        pk=token.pk, used=False
    )
    if spent.update(used=True) != 1:
        raise DomainError(_("This link has already been used or is not valid."))
    return _response(
        token.survey,
        answers,
        channel=SurveyResponse.Channel.LINK,
        survey_round=token.round,
    )


@transaction.atomic
def response_submit_public(*, survey: Survey, answers: dict) -> SurveyResponse:
    """Answer an EIT or satisfaction survey on its public page (QR code).
    The view bounds how often one connection may do this."""
    if not survey.takes_public_answers:
        raise DomainError(_("This survey is answered only with a personal link."))
    _check_open(survey)
    return _response(survey, answers, channel=SurveyResponse.Channel.PUBLIC)
