"""Factories and helpers of the survey tests."""

from __future__ import annotations

import random

from prongsai.surveys import services
from prongsai.surveys.models import Survey, SurveyResponse
from prongsai.surveys.selectors import survey_questions


def make_survey(organization, *, kind=Survey.Kind.IIT, status=Survey.Status.OPEN, **kw):
    """A survey made through the service (a superuser acts), then set to
    ``status`` directly."""
    from prongsai.accounts.tests.factories import UserFactory

    actor = UserFactory(is_superuser=True)
    values = {
        "fiscal_year": 2569,
        "title": "แบบสำรวจทดสอบ",
        "custom_questions": ["พอใจการบริการเพียงใด"] if kind == "satisfaction" else [],
    }
    values.update(kw)
    survey = services.survey_create(
        actor=actor, organization=organization, kind=kind, **values
    )
    Survey.objects.filter(pk=survey.pk).update(status=status)
    survey.refresh_from_db()
    return survey


def answers_for(survey, rng: random.Random | None = None, value=None) -> dict:
    """A full set of answers: ``value`` everywhere (clipped to the scale), or
    random ones."""
    from prongsai.surveys.questions import SCALES

    rng = rng or random.Random(1)
    out = {}
    for q in survey_questions(survey):
        top = SCALES[q.scale] - 1
        out[q.code] = [
            min(value, top) if value is not None else rng.randint(0, top)
            for _ in range(q.answer_count)
        ]
    return out


def add_responses(survey, count, *, value=None, seed=1):
    rng = random.Random(seed)
    for _ in range(count):
        SurveyResponse.objects.create(
            organization=survey.organization,
            survey=survey,
            submitted_on=_today(),
            channel=SurveyResponse.Channel.PUBLIC,
            answers=answers_for(survey, rng, value),
        )


def _today():
    from django.utils import timezone

    return timezone.localdate()
