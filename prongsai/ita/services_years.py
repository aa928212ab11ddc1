"""Writes for a new fiscal year: provisional frameworks and ITAS survey links.

A fiscal year starts on 1 October, often months before the NACC publishes
its ITA manual. An organisation's coordinator starts the year on their own
(:func:`framework_start_provisional`): the newest framework is copied as a
provisional framework of the new year, flagged "ฉบับชั่วคราว รอคู่มือ
ป.ป.ช.", and the platform operator confirms it (:func:`framework_confirm`),
after correcting it in the admin, once the manual is out.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from .frameworks_diff import provisional_copy
from .models import FrameworkVersion, ItasSurvey
from .selectors_years import framework_get_next_year

ITAS_HOSTS = ("itas.nacc.go.th",)
"""Host names of the NACC's ITAS system (any other https link is accepted)."""

SURVEY_FIELDS = (
    "iit_code",
    "iit_url",
    "eit_code",
    "eit_url",
    "eit_opens_on",
    "eit_closes_on",
)


@transaction.atomic
def framework_start_provisional(
    *, actor: User, organization: Organization | None, fiscal_year: int
) -> FrameworkVersion:
    """Offer the newest framework as a provisional framework of ``fiscal_year``.

    Refused when the year already has a framework or is not after the
    newest one on record. The copy is platform-wide (one framework a year
    for every organisation); the audit row names the organisation whose
    coordinator started it.
    """
    if FrameworkVersion.objects.filter(fiscal_year=fiscal_year).exists():
        raise DomainError(
            _("Fiscal year %(year)s already has an ITA framework.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    newest = FrameworkVersion.objects.order_by("-fiscal_year").first()
    if newest is None:
        raise DomainError(
            _("There is no ITA framework to copy yet."), field="fiscal_year"
        )
    if (
        fiscal_year != newest.fiscal_year + 1
        or fiscal_year != framework_get_next_year()
    ):
        raise DomainError(
            _(
                "Only the year after the newest framework (%(year)s) can be "
                "started, from two months before it begins."
            )
            % {"year": newest.fiscal_year + 1},
            field="fiscal_year",
        )
    version = FrameworkVersion(
        fiscal_year=fiscal_year,
        data=provisional_copy(newest.data, fiscal_year),
        source=f"provisional copy of {newest.fiscal_year}",
        is_provisional=True,
        based_on_year=newest.fiscal_year,
    )
    version.full_clean()
    version.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_framework.start_provisional",
        target=version,
        changes={"fiscal_year": fiscal_year, "based_on_year": newest.fiscal_year},
    )
    return version


@transaction.atomic
def framework_confirm(*, actor: User, version: FrameworkVersion) -> FrameworkVersion:
    """The platform operator confirms a provisional framework against the manual.

    Only a platform administrator may; corrections are made in the admin
    before confirming. Clears the provisional flag and records who confirmed.
    """
    if not (actor.is_authenticated and actor.is_superuser):
        raise DomainError(
            _("Only the platform administrator can confirm an ITA framework.")
        )
    if not version.is_provisional:
        raise DomainError(_("This ITA framework is already confirmed."))
    data = dict(version.data)
    data.pop("provisional", None)
    changes = model_update(
        version,
        {
            "data": data,
            "is_provisional": False,
            "confirmed_at": timezone.now(),
            "confirmed_by": actor,
        },
        ["data", "is_provisional", "confirmed_at", "confirmed_by"],
    )
    changes.pop("data", None)
    audit_log(
        actor=actor,
        organization=None,
        action="ita_framework.confirm",
        target=version,
        changes=changes,
    )
    return version


def _check_link(value: str, field: str, label: str, errors: dict) -> None:
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme != "https":
        errors[field] = [
            _(
                "The %(label)s must start with https:// (the ITAS system "
                "accepts secure links only)."
            )
            % {"label": label}
        ]
    elif not parts.hostname or "." not in parts.hostname:
        errors[field] = [
            _("The %(label)s has no valid web address after https://.")
            % {"label": label}
        ]


def _clean_survey(data: dict) -> None:
    errors: dict[str, list[str]] = {}
    _check_link(data.get("iit_url", ""), "iit_url", _("IIT survey link"), errors)
    _check_link(data.get("eit_url", ""), "eit_url", _("EIT survey link"), errors)
    opens, closes = data.get("eit_opens_on"), data.get("eit_closes_on")
    if bool(opens) != bool(closes):
        errors.setdefault("eit_closes_on", []).append(
            _("Give both the opening and the closing day of the EIT survey.")
        )
    elif opens and closes and closes < opens:
        errors.setdefault("eit_closes_on", []).append(
            _("The EIT survey cannot close before it opens.")
        )
    if opens and not data.get("eit_url"):
        errors.setdefault("eit_url", []).append(
            _("Give the EIT survey link to show it on the public site.")
        )
    if errors:
        raise ValidationError(errors)


def is_itas_link(url: str) -> bool:
    """Whether ``url`` points at the NACC's ITAS system."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in ITAS_HOSTS)


@transaction.atomic
def itas_survey_save(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    iit_code: str = "",
    iit_url: str = "",
    eit_code: str = "",
    eit_url: str = "",
    eit_opens_on=None,
    eit_closes_on=None,
) -> ItasSurvey:
    """Record the organisation's IIT/EIT survey codes, links and EIT window."""
    data = {
        "iit_code": (iit_code or "").strip(),
        "iit_url": (iit_url or "").strip(),
        "eit_code": (eit_code or "").strip(),
        "eit_url": (eit_url or "").strip(),
        "eit_opens_on": eit_opens_on,
        "eit_closes_on": eit_closes_on,
    }
    _clean_survey(data)
    survey = ItasSurvey.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()
    created = survey is None
    data["updated_by"] = actor if actor.is_authenticated else None
    if survey is None:
        survey = ItasSurvey(organization=organization, fiscal_year=fiscal_year, **data)
        survey.full_clean()
        survey.save()
        changes = snapshot(survey, SURVEY_FIELDS)
    else:
        changes = model_update(survey, data, [*SURVEY_FIELDS, "updated_by"])
        changes.pop("updated_by", None)
    audit_log(
        actor=actor,
        organization=organization,
        action="itas_survey.create" if created else "itas_survey.update",
        target=survey,
        changes=changes,
    )
    return survey
