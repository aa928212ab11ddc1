"""The demo's answers land near the indicator scores they are drawn from."""

import random

import pytest

from prongsai.surveys import scoring
from prongsai.surveys.demo import _answers
from prongsai.surveys.models import Survey
from prongsai.surveys.tests.factories import make_survey

TARGETS = {1: 92.4, 2: 86.15, 3: 90.8, 4: 82.05, 5: 88.95, 6: 91.3, 7: 86.2, 8: 88.05}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Survey.Kind.IIT, Survey.Kind.EIT])
def test_demo_answers_score_near_their_targets(organization, kind):
    from prongsai.surveys.selectors import survey_questions

    survey = make_survey(organization, kind=kind)
    rng = random.Random(7)
    people = [_answers(rng, survey, TARGETS) for _n in range(400)]
    results = scoring.indicator_results(survey_questions(survey), people)
    assert results
    for number, result in results.items():
        assert abs(float(result.score) - TARGETS[number]) < 4, number
    again = [_answers(random.Random(7), survey, TARGETS)]
    assert again[0] == people[0]  # seeded: the same demo every time
