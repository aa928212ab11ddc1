"""EIT links after a transaction: one single-use link per completed
E-Service request and per closed complaint, sent to the citizen where they
came from (``notify``: e-mail, or LINE when they came by LINE).

E-Service and complaints never import this app: ``receivers`` listens to
the saves of their history entries and queues ``tasks``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.notifications.services import Citizen, notify
from prongsai.organizations.models import Organization

from .models import Survey, SurveyToken
from .services import _new_token, token_hash


def eit_survey_current(*, organization: Organization) -> Survey | None:
    """The open EIT pulse of the current fiscal year (the newest one)."""
    today = timezone.localdate()
    return (
        Survey.objects.for_organization(organization)
        .filter(
            kind=Survey.Kind.EIT,
            status=Survey.Status.OPEN,
            fiscal_year=thai_dates.fiscal_year(today),
        )
        .order_by("-id")
        .first()
    )


def eit_token_create(*, survey: Survey, subject: str) -> str | None:
    """The single-use token of transaction ``subject`` (only its hash is
    kept); ``None`` when the transaction already has one."""
    raw = _new_token()
    try:
        with transaction.atomic():
            SurveyToken.objects.create(
                organization=survey.organization,
                survey=survey,
                token_hash=token_hash(raw),
                subject=subject,
                issued_on=timezone.localdate(),
            )
    except IntegrityError:  # this transaction already has its link
        return None
    return raw


def eit_link_issue(
    *,
    organization: Organization,
    subject: str,
    citizen: Citizen,
    context: dict,
) -> bool:
    """Make the one link of transaction ``subject`` and send it to ``citizen``.

    False when the organisation has no open EIT pulse this fiscal year, or
    the transaction already had its link (one answer per transaction).
    """
    survey = eit_survey_current(organization=organization)
    if survey is None:
        return False
    raw = eit_token_create(survey=survey, subject=subject)
    if raw is None:
        return False
    url = reverse(
        "surveys-public:token-answer", kwargs={"org": organization.slug, "token": raw}
    )
    notify(
        organization=organization,
        citizen=citizen,
        kind="surveys/eit_invitation",
        context={**context, "survey": survey},
        url=url,
        dedup_key=f"surveys.eit:{subject}",
        source=subject,
    )
    return True
