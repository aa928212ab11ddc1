"""Survey services: making, opening, IIT rounds, single-use links, answers."""

from decimal import Decimal

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.errors import DomainError
from prongsai.notifications.models import Notification
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.surveys import selectors, services
from prongsai.surveys.models import (
    Survey,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
    SurveyToken,
)
from prongsai.surveys.tests.factories import add_responses, answers_for, make_survey

pytestmark = pytest.mark.django_db


def coordinator(organization):
    user = UserFactory()
    MembershipFactory(
        organization=organization, user=user, roles=[Role.ITA_COORDINATOR.value]
    )
    return user


def raw_token_of(notification) -> str:
    return notification.body.split("/surveys/link/")[1].split("/")[0]


def test_an_iit_pulse_copies_the_year_question_set_and_custom_questions(organization):
    survey = services.survey_create(
        actor=coordinator(organization),
        organization=organization,
        kind=Survey.Kind.IIT,
        fiscal_year=2569,
        title="IIT รอบ 1",
        custom_questions=["", "บรรยากาศการทำงานดีเพียงใด", "  "],
    )
    codes = [q["code"] for q in survey.questions]
    assert codes == [f"i{n}" for n in range(1, 31)] + ["c1"]
    assert survey.status == Survey.Status.DRAFT
    assert survey.question_year == 2568  # 2569 has no set of its own
    assert survey.questions[-1]["scale"] == "five_level"


def test_an_eit_pulse_has_the_fifteen_eit_questions(organization):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    assert [q["code"] for q in survey.questions] == [f"e{n}" for n in range(1, 16)]


def test_a_satisfaction_survey_needs_questions_of_its_own(organization):
    with pytest.raises(DomainError) as error:
        services.survey_create(
            actor=coordinator(organization),
            organization=organization,
            kind=Survey.Kind.SATISFACTION,
            fiscal_year=2569,
            title="ความพึงพอใจ",
            custom_questions=[" "],
        )
    assert error.value.field == "custom_questions"


def test_a_survey_cannot_close_before_it_opens(organization):
    import datetime

    with pytest.raises(DomainError) as error:
        services.survey_create(
            actor=coordinator(organization),
            organization=organization,
            kind=Survey.Kind.IIT,
            fiscal_year=2569,
            title="x",
            opens_on=datetime.date(2026, 5, 2),
            closes_on=datetime.date(2026, 5, 1),
        )
    assert error.value.field == "closes_on"


def test_only_the_coordinator_or_an_admin_opens_and_closes(organization):
    survey = make_survey(organization, status=Survey.Status.DRAFT)
    staff = UserFactory()
    MembershipFactory(organization=organization, user=staff, roles=["staff"])
    with pytest.raises(DomainError):
        services.survey_set_status(actor=staff, survey=survey, status="open")
    user = coordinator(organization)
    services.survey_set_status(actor=user, survey=survey, status="open")
    assert survey.status == "open"
    services.survey_set_status(actor=user, survey=survey, status="closed")
    with pytest.raises(DomainError):
        services.survey_set_status(actor=user, survey=survey, status="closed")


def test_a_round_sends_each_active_member_one_single_use_link(organization):
    user = coordinator(organization)
    for _ in range(3):
        MembershipFactory(organization=organization)
    MembershipFactory(organization=organization, is_active=False)
    survey = make_survey(organization)
    survey_round = services.iit_round_send(actor=user, survey=survey)
    assert survey_round.number == 1 and survey_round.invited == 4
    assert SurveyInvitation.objects.for_organization(organization).count() == 4
    tokens = SurveyToken.objects.for_organization(organization)
    assert tokens.count() == 4 and not tokens.filter(used=True).exists()
    notes = Notification.objects.for_organization(organization).filter(
        kind="surveys/iit_invitation"
    )
    assert notes.count() == 4
    raws = {raw_token_of(n) for n in notes}
    assert len(raws) == 4
    assert {services.token_hash(r) for r in raws} == set(
        tokens.values_list("token_hash", flat=True)
    )
    second = services.iit_round_send(actor=user, survey=survey)
    assert second.number == 2


def test_links_are_sent_only_for_an_open_iit_pulse(organization):
    user = coordinator(organization)
    with pytest.raises(DomainError):
        services.iit_round_send(
            actor=user, survey=make_survey(organization, status=Survey.Status.DRAFT)
        )
    with pytest.raises(DomainError):
        services.iit_round_send(
            actor=user, survey=make_survey(organization, kind=Survey.Kind.EIT)
        )


def test_a_link_is_used_once(organization):
    user = coordinator(organization)
    survey = make_survey(organization)
    services.iit_round_send(actor=user, survey=survey)
    raw = raw_token_of(Notification.objects.for_organization(organization).first())
    answers = answers_for(survey, value=2)
    response = services.response_submit_by_token(
        organization=organization, raw_token=raw, answers=answers
    )
    assert response.round.number == 1
    assert response.channel == SurveyResponse.Channel.LINK
    with pytest.raises(DomainError):
        services.response_submit_by_token(
            organization=organization, raw_token=raw, answers=answers
        )
    assert SurveyResponse.objects.for_organization(organization).count() == 1


def test_a_link_of_another_organisation_or_a_closed_survey_is_refused(
    organization, other_organization
):
    survey = make_survey(organization)
    services.iit_round_send(actor=coordinator(organization), survey=survey)
    raw = raw_token_of(Notification.objects.for_organization(organization).first())
    with pytest.raises(DomainError):
        services.token_get_usable(organization=other_organization, raw_token=raw)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    with pytest.raises(DomainError):
        services.token_get_usable(organization=organization, raw_token=raw)
    with pytest.raises(DomainError):
        services.token_get_usable(organization=organization, raw_token="")


@pytest.mark.parametrize(
    "answers",
    [
        {"zz": [1]},
        {"i1": [4]},
        {"i1": [1, 2]},
        {"i3": [1]},
        {"i4": [0, 2, 0]},
        {"i1": ["1"]},
        {"i1": [True]},
        {"i1": [None]},
        {},
    ],
)
def test_answers_must_fit_the_questions(organization, answers):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    survey_iit = make_survey(organization)
    target = survey_iit if any(k.startswith("i") for k in answers) else survey
    with pytest.raises(DomainError):
        services.clean_answers(target, answers)


def test_a_public_answer_only_for_an_open_eit_or_satisfaction_survey(organization):
    eit = make_survey(organization, kind=Survey.Kind.EIT)
    services.response_submit_public(survey=eit, answers=answers_for(eit, value=3))
    iit = make_survey(organization)
    with pytest.raises(DomainError):
        services.response_submit_public(survey=iit, answers=answers_for(iit))
    closed = make_survey(
        organization, kind=Survey.Kind.SATISFACTION, status=Survey.Status.CLOSED
    )
    with pytest.raises(DomainError):
        services.response_submit_public(survey=closed, answers=answers_for(closed))


def test_survey_results_show_nothing_under_five_respondents(organization):
    survey = make_survey(organization, kind=Survey.Kind.EIT)
    add_responses(survey, 4, value=3)
    results = selectors.survey_results(survey=survey)
    assert not results.shown and results.indicators == [] and results.items == []
    assert selectors.response_rows(survey=survey)[1] == []
    add_responses(survey, 1, value=3)
    results = selectors.survey_results(survey=survey)
    assert results.shown
    # e4 (yes/no, reversed) answered "yes" scores 0: indicator 6 is
    # (4 x 100 + 0) / 5 = 80; e8 and e10 "yes" score 100.
    assert [r.result.score for r in results.indicators] == [80, 100, 100]


def test_indicator_samples_pool_the_year_pulses_and_drop_small_groups(
    organization, other_organization
):
    iit = make_survey(organization, fiscal_year=2569)
    add_responses(iit, 3, value=3)
    second = make_survey(organization, fiscal_year=2569, status=Survey.Status.CLOSED)
    add_responses(second, 2, value=0)
    draft = make_survey(organization, fiscal_year=2569, status=Survey.Status.DRAFT)
    add_responses(draft, 5, value=3)
    eit = make_survey(organization, kind=Survey.Kind.EIT, fiscal_year=2569)
    add_responses(eit, 4, value=3)
    make_survey(other_organization, fiscal_year=2569)
    samples = selectors.indicator_samples(organization=organization, fiscal_year=2569)
    assert set(samples) == {1, 2, 3, 4, 5}  # EIT: only four respondents
    # Indicator 2: three answer "most" everywhere, two "least" everywhere.
    # i7, i8, i11, i12 positive, i9 and i10 reversed: a "most" respondent
    # scores (4 x 100 + 2 x 0) / 6 = 200/3, a "least" one 100/3;
    # mean (3 x 200/3 + 2 x 100/3) / 5 = 160/3 = 53.3333.
    assert samples[2].score == Decimal("53.3333")
    assert samples[2].respondents == 5
    # stdev of (66.67 x 3, 33.33 x 2): sqrt(((4/3)*... ) computed exactly
    assert samples[2].stdev == Decimal("18.2574")
    assert (
        selectors.indicator_samples(organization=organization, fiscal_year=2570) == {}
    )


def test_a_round_survives_in_its_own_organisation_only(
    organization, other_organization
):
    survey = make_survey(organization)
    services.iit_round_send(actor=coordinator(organization), survey=survey)
    assert SurveyRound.objects.for_organization(other_organization).count() == 0
    assert SurveyRound.objects.for_organization(organization).count() == 1


def test_paper_links_add_to_the_round_and_each_answers_once(organization):
    user = coordinator(organization)
    survey = make_survey(organization)
    survey_round = services.iit_round_send(actor=user, survey=survey)
    raws = services.iit_round_paper_links(
        actor=user, survey_round=survey_round, count=3
    )
    assert len(set(raws)) == 3
    survey_round.refresh_from_db()
    assert survey_round.invited == 4
    services.response_submit_by_token(
        organization=organization, raw_token=raws[0], answers=answers_for(survey)
    )
    with pytest.raises(DomainError):
        services.response_submit_by_token(
            organization=organization, raw_token=raws[0], answers=answers_for(survey)
        )
    with pytest.raises(DomainError):
        services.iit_round_paper_links(actor=user, survey_round=survey_round, count=0)
