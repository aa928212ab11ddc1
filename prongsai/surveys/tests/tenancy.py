"""How to build an object of a given organisation for each survey route."""

from prongsai.surveys import services
from prongsai.surveys.models import Survey, SurveyToken
from prongsai.surveys.tests.factories import make_survey


def _survey(organization):
    return {"pk": make_survey(organization, kind=Survey.Kind.EIT).pk}


def _token(organization):
    from django.utils import timezone

    survey = make_survey(organization, kind=Survey.Kind.EIT)
    raw = services._new_token()
    SurveyToken.objects.create(
        organization=organization,
        survey=survey,
        token_hash=services.token_hash(raw),
        issued_on=timezone.localdate(),
    )
    return {"token": raw}


ROUTE_OBJECTS = {
    "surveys-staff:survey-detail": _survey,
    "surveys-staff:survey-status": _survey,
    "surveys-staff:survey-send": _survey,
    "surveys-staff:survey-qr": _survey,
    "surveys-staff:survey-responses": _survey,
    "surveys-staff:survey-report": _survey,
    "surveys-public:survey-answer": _survey,
    "surveys-public:token-answer": _token,
}
