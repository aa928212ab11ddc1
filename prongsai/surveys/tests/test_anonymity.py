"""IIT anonymity: no query, export or log links a response to a member."""

import logging

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.models import AuditEvent
from prongsai.notifications.models import Notification
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.surveys import reports, selectors, services
from prongsai.surveys.models import (
    SurveyInvitation,
    SurveyResponse,
    SurveyToken,
)
from prongsai.surveys.tests.factories import answers_for, make_survey

pytestmark = pytest.mark.django_db


def _relations(model):
    return {
        f.name: f.related_model._meta.label
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete
    }


def test_a_response_row_holds_no_member_no_token_and_no_time():
    assert _relations(SurveyResponse) == {
        "organization": "organizations.Organization",
        "survey": "surveys.Survey",
        "round": "surveys.SurveyRound",
    }
    kinds = {
        f.name: f.get_internal_type() for f in SurveyResponse._meta.concrete_fields
    }
    assert "DateTimeField" not in kinds.values()
    assert kinds["id"] == "UUIDField"
    assert kinds["submitted_on"] == "DateField"


def test_a_token_row_holds_no_member_and_an_invitation_no_token():
    assert "membership" not in _relations(SurveyToken)
    assert "user" not in _relations(SurveyToken)
    token_fields = {f.name for f in SurveyToken._meta.concrete_fields}
    assert "updated_at" not in token_fields and "created_at" not in token_fields
    assert set(_relations(SurveyInvitation)) == {"organization", "round", "membership"}
    invitation_fields = {f.name for f in SurveyInvitation._meta.concrete_fields}
    assert invitation_fields == {"id", "organization", "round", "membership"}


@pytest.fixture
def iit_round(organization):
    coordinator = UserFactory(totp=True)
    MembershipFactory(
        organization=organization, user=coordinator, roles=[Role.ITA_COORDINATOR]
    )
    members = [
        MembershipFactory(
            organization=organization, user=UserFactory(full_name=f"สมาชิก {n}")
        )
        for n in range(5)
    ]
    survey = make_survey(organization)
    services.iit_round_send(actor=coordinator, survey=survey)
    return survey, coordinator, members


def test_answering_logged_in_leaves_no_audit_row_or_log_line_naming_the_member(
    client, organization, iit_round, caplog
):
    survey, _coordinator, members = iit_round
    member = members[0]
    note = (
        Notification.objects.for_organization(organization)
        .filter(user=member.user)
        .get()
    )
    raw = note.body.split("/surveys/link/")[1].split("/")[0]
    client.force_login(member.user)
    audit_before = AuditEvent.objects.count()
    page = client.get(
        reverse(
            "surveys-public:token-answer",
            kwargs={"org": organization.slug, "token": raw},
        )
    )
    assert page.status_code == 200
    data = {"token": raw}
    for code, values in answers_for(survey, value=2).items():
        q = next(q for q in selectors.survey_questions(survey) if q.code == code)
        if q.bullets:
            data.update({f"q_{code}_{i}": v for i, v in enumerate(values)})
        else:
            data[f"q_{code}"] = values[0]
    with caplog.at_level(logging.DEBUG):
        answered = client.post(
            reverse("surveys-public:token-submit", kwargs={"org": organization.slug}),
            data,
        )
    assert answered.status_code == 302
    response = SurveyResponse.objects.for_organization(organization).get()
    assert AuditEvent.objects.count() == audit_before
    identifying = {member.user.email, member.user.full_name, str(member.user.pk), raw}
    for record in caplog.records:
        text = record.getMessage() + repr(getattr(record, "__dict__", {}))
        assert str(response.pk) not in text
        assert not any(value and value in text for value in identifying), text
    # The response's only ways out lead to its survey, round and organisation:
    # the round's invitations name every invited member, never one.
    invited = SurveyInvitation.objects.filter(round=response.round).count()
    assert invited == 6


def test_exports_of_an_iit_pulse_carry_nothing_that_identifies_a_member(
    organization, iit_round
):
    survey, _coordinator, members = iit_round
    for note in Notification.objects.for_organization(organization):
        raw = note.body.split("/surveys/link/")[1].split("/")[0]
        services.response_submit_by_token(
            organization=organization, raw_token=raw, answers=answers_for(survey)
        )
    header, rows = selectors.response_rows(survey=survey)
    assert len(rows) == 6
    assert header[0] == "answered_on" and all(h[0] in "ic" for h in header[1:])
    responses = SurveyResponse.objects.for_organization(organization)
    secrets = {str(r.pk) for r in responses} | {"link", "public"}
    for m in members:
        secrets |= {m.user.email, m.user.full_name}
    dumped = repr(rows)
    assert not any(s in dumped for s in secrets)
    xlsx = reports.responses_xlsx(survey=survey)
    assert not any(s.encode() in xlsx for s in secrets if s)


def test_a_second_round_for_the_same_members_is_a_new_set_of_links(
    organization, iit_round
):
    survey, coordinator, _members = iit_round
    services.iit_round_send(actor=coordinator, survey=survey)
    assert SurveyToken.objects.for_organization(organization).count() == 12
    assert SurveyInvitation.objects.for_organization(organization).count() == 12
