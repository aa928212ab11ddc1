"""Writes on a year of the register beside the records: the annual
procurement plan, months declared without procurement, and the officer's
notes for the annual report. Every change is audited."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import UNSET, model_update
from prongsai.organizations.models import Organization

from .models import AnnualReportNote, NoProcurementMonth, PlanItem, Procurement
from .services_common import delete_audited, given_fields, month_start
from .services_indicators import indicators_year_changed

PLAN_FIELDS = (
    "fiscal_year",
    "title",
    "budget_category",
    "budget_amount",
    "method",
    "expected_month",
    "published_on",
)


# --- plan ------------------------------------------------------------------------


@transaction.atomic
def plan_item_create(
    *,
    actor: User | None,
    organization: Organization,
    fiscal_year: int,
    title: str,
    budget_category: str,
    budget_amount: Decimal,
    method: str,
    expected_month: datetime.date,
    published_on: datetime.date | None = None,
) -> PlanItem:
    item = PlanItem(organization=organization, **given_fields(locals(), PLAN_FIELDS))
    item.full_clean()
    item.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="procurement_plan_item.create",
        target=item,
        changes=snapshot(item, PLAN_FIELDS),
    )
    return item


@transaction.atomic
def plan_item_update(
    *,
    actor: User | None,
    item: PlanItem,
    fiscal_year: int = UNSET,
    title: str = UNSET,
    budget_category: str = UNSET,
    budget_amount: Decimal = UNSET,
    method: str = UNSET,
    expected_month: datetime.date = UNSET,
    published_on: datetime.date | None = UNSET,
) -> PlanItem:
    """Change the fields given."""
    changes = model_update(item, given_fields(locals(), PLAN_FIELDS), PLAN_FIELDS)
    if changes:
        audit_log(
            actor=actor,
            organization=item.organization,
            action="procurement_plan_item.update",
            target=item,
            changes=changes,
        )
    return item


@transaction.atomic
def plan_item_delete(*, actor: User | None, item: PlanItem) -> None:
    delete_audited(
        actor=actor,
        record=item,
        organization=item.organization,
        action="procurement_plan_item.delete",
        changes={"title": item.title},
    )


# --- months without procurement ------------------------------------------------


@transaction.atomic
def no_procurement_month_declare(
    *,
    actor: User | None,
    organization: Organization,
    month: datetime.date,
    note: str = "",
) -> NoProcurementMonth:
    """Declare that nothing was procured in ``month`` (any day of it)."""
    start = month_start(month)
    if start > thai_dates.local_date(datetime.datetime.now(tz=thai_dates.BANGKOK)):
        raise DomainError(
            _("A month that has not started cannot be declared."), field="month"
        )
    next_month = (start + datetime.timedelta(days=32)).replace(day=1)
    if Procurement.objects.filter(
        organization=organization, procured_on__gte=start, procured_on__lt=next_month
    ).exists():
        raise DomainError(
            _("%(month)s already has procurements recorded.")
            % {"month": thai_dates.format_date(start, style="month")},
            field="month",
        )
    existing = NoProcurementMonth.objects.filter(
        organization=organization, month=start
    ).first()
    if existing is not None:
        return existing
    record = NoProcurementMonth(organization=organization, month=start, note=note)
    record.full_clean()
    record.save()
    indicators_year_changed(
        organization=organization, fiscal_year=thai_dates.fiscal_year(start)
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="procurement_no_month.declare",
        target=record,
        changes={"month": start, "note": note},
    )
    return record


@transaction.atomic
def no_procurement_month_withdraw(
    *, actor: User | None, record: NoProcurementMonth
) -> None:
    indicators_year_changed(
        organization=record.organization,
        fiscal_year=thai_dates.fiscal_year(record.month),
    )
    delete_audited(
        actor=actor,
        record=record,
        organization=record.organization,
        action="procurement_no_month.withdraw",
        changes={"month": record.month},
    )


# --- annual notes ----------------------------------------------------------------


@transaction.atomic
def report_note_save(
    *,
    actor: User | None,
    organization: Organization,
    fiscal_year: int,
    problems: str,
    proposals: str,
) -> AnnualReportNote:
    note, _created = AnnualReportNote.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    changes = model_update(
        note,
        {"problems": problems, "proposals": proposals},
        ["problems", "proposals"],
    )
    if changes:
        indicators_year_changed(organization=organization, fiscal_year=fiscal_year)
        audit_log(
            actor=actor,
            organization=organization,
            action="procurement_report_note.save",
            target=note,
            changes=changes,
        )
    return note
