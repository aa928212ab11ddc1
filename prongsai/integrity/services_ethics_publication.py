"""Publishing the ethics page of a fiscal year through ``core.publications``:
the public page and its report show the publication's snapshot only; later
edits reach them when the year is published again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import publications
from prongsai.core.errors import DomainError
from prongsai.core.models import Publication

from .documents_ethics import ethics_report_pdf
from .models_ethics import EthicsYear
from .selectors_ethics import ethics_year_get, ethics_year_snapshot

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

__all__ = [
    "ethics_publication_get",
    "ethics_year_publish",
    "ethics_year_withdraw",
]


def ethics_publication_get(
    *, organization: Organization, fiscal_year: int
) -> Publication | None:
    """The year's current publication (``core.Publication``), or ``None``."""
    year = ethics_year_get(organization=organization, fiscal_year=fiscal_year)
    if year is None or year.published_at is None:  # withdrawn
        return None
    return publications.publication_current(year)


def _publishable(snapshot: dict[str, Any], fiscal_year: int) -> None:
    if snapshot["code"] is None:
        raise DomainError(
            _(
                "Record the code of ethics in force in fiscal year %(year)s "
                "before publishing."
            )
            % {"year": fiscal_year}
        )


@transaction.atomic
def ethics_year_publish(
    *, actor: User, organization: Organization, fiscal_year: int
) -> EthicsYear:
    """Freeze the year's ethics page as it stands (with its report PDF) and
    show it on the public pages (again, to bring them up to date)."""
    snapshot = ethics_year_snapshot(organization=organization, fiscal_year=fiscal_year)
    _publishable(snapshot, fiscal_year)
    year, _created = EthicsYear.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    publications.publication_publish(
        actor=actor,
        subject=year,
        snapshot=snapshot,
        pdf=ethics_report_pdf(snapshot),
        filename=f"ethics-{organization.slug}-{fiscal_year}.pdf",
        action="ethics_year.publish",
        changes={"fiscal_year": fiscal_year},
    )
    year.published_at = timezone.now()
    year.save(update_fields=["published_at", "updated_at"])
    return year


@transaction.atomic
def ethics_year_withdraw(
    *, actor: User, organization: Organization, fiscal_year: int
) -> EthicsYear:
    """Take the year's page off the public pages (its publications stay on record)."""
    year = ethics_year_get(organization=organization, fiscal_year=fiscal_year)
    if year is None or year.published_at is None:
        raise DomainError(_("The ethics page of this year is not published."))
    publications.publication_withdraw(
        actor=actor,
        subject=year,
        action="ethics_year.withdraw",
        changes={"fiscal_year": fiscal_year},
    )
    year.published_at = None
    year.save(update_fields=["published_at", "updated_at"])
    return year
