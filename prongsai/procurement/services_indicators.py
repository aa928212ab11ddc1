"""Keeping the stored risk indicators up to date.

Every service that writes the register (``services``: procurements, bids,
"no procurement" months, annual notes; and through them the imports of
``services_import``) calls :func:`indicators_year_changed`. The fiscal years
touched in one transaction are refreshed once, after it commits, by
``tasks.indicators_refresh_task`` (at once with eager tasks; a worker
otherwise): an import of a thousand rows recomputes its year once, not a
thousand times. :func:`indicators_refresh` recomputes one year (a fraction
of a second for ten thousand records), writes only the ``RiskIndicator`` rows
that differ from the stored ones (a change of one record deletes and inserts
a few rows, not the year's thousands) and bumps ``ProcurementYear.version``;
``prongsai refresh_procurement_indicators`` (and the migration that added
the tables) does it for existing data.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import partial

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from prongsai.accounts.models import User
from prongsai.core import outbox
from prongsai.core.audit import audit_log
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from . import redflags
from .models import (
    Bid,
    Procurement,
    ProcurementSettings,
    ProcurementYear,
    RiskIndicator,
)

WRITE_BATCH = 2000


def thresholds_for(organization: Organization) -> redflags.Thresholds:
    settings = ProcurementSettings.for_organization(organization)
    return redflags.Thresholds(
        limit=settings.specific_method_limit,
        margin_percent=settings.split_margin_percent,
        share_percent=settings.supplier_share_percent,
    )


def year_records(*, organization: Organization, fiscal_year: int):
    """The year's records that are not cancelled, with their bids: two queries."""
    bids: dict[int, list[redflags.BidRecord]] = defaultdict(list)
    for procurement_id, supplier_id, price in Bid.objects.filter(
        procurement__organization=organization,
        procurement__fiscal_year=fiscal_year,
        procurement__cancelled=False,
    ).values_list("procurement_id", "supplier_id", "price"):
        bids[procurement_id].append(redflags.BidRecord(supplier_id, price))
    rows = Procurement.objects.filter(
        organization=organization, fiscal_year=fiscal_year, cancelled=False
    ).values_list(
        "id",
        "title",
        "method",
        "procured_on",
        "budget_amount",
        "reference_price",
        "agreed_price",
        "supplier_id",
        "supplier__name",
    )
    return [
        redflags.Record(
            id=pk,
            title=title,
            method=method,
            procured_on=day,
            budget_amount=budget,
            reference_price=reference,
            agreed_price=agreed,
            supplier_id=supplier_id,
            supplier_name=supplier_name or "",
            bids=tuple(bids.get(pk, ())),
        )
        for (
            pk,
            title,
            method,
            day,
            budget,
            reference,
            agreed,
            supplier_id,
            supplier_name,
        ) in rows.iterator(chunk_size=WRITE_BATCH)
    ]


#: A stored indicator as compared: number, code, procurement id, params, related ids.
Row = tuple[int, str, int, dict, list[int]]


def _indicator_rows(flags: list[redflags.Flag]) -> list[Row]:
    """One row per flag and record it concerns, numbered in the flags' order."""
    return [
        (
            number,
            flag.kind,
            pk,
            flag.params,
            flag.procurement_ids if len(flag.procurement_ids) > 1 else [],
        )
        for number, flag in enumerate(flags, 1)
        for pk in flag.procurement_ids
    ]


def _row_key(number, code, procurement_id, params, related_ids) -> tuple:
    return (
        number,
        code,
        procurement_id,
        json.dumps(params, sort_keys=True, default=str),
        tuple(related_ids),
    )


def _store_rows(organization: Organization, fiscal_year: int, rows: list[Row]) -> None:
    """Make the year's stored rows equal to *rows*, writing only the
    difference: a change that leaves most indicators as they were (and their
    numbers) deletes and inserts a few rows, not the whole year."""
    wanted = {_row_key(*row): row for row in rows}
    stale = []
    stored = RiskIndicator.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).values_list("pk", "number", "code", "procurement_id", "params", "related_ids")
    for pk, *values in stored.iterator(chunk_size=WRITE_BATCH):
        if wanted.pop(_row_key(*values), None) is None:
            stale.append(pk)
    for start in range(0, len(stale), WRITE_BATCH):
        RiskIndicator.objects.filter(
            organization=organization, pk__in=stale[start : start + WRITE_BATCH]
        ).delete()
    # What is left of *wanted* is in the flags' order (a dict keeps it), so
    # the rows of one flag keep the order of its records.
    RiskIndicator.objects.bulk_create(
        (
            RiskIndicator(
                organization=organization,
                fiscal_year=fiscal_year,
                procurement_id=pk,
                code=code,
                number=number,
                params=params,
                related_ids=related_ids,
            )
            for number, code, pk, params, related_ids in wanted.values()
        ),
        batch_size=WRITE_BATCH,
    )


@transaction.atomic
def indicators_refresh(
    *, organization: Organization, fiscal_year: int
) -> ProcurementYear:
    """Recompute and store the indicators of one fiscal year."""
    year, _created = ProcurementYear.objects.select_for_update().get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    flags = redflags.find_flags(
        year_records(organization=organization, fiscal_year=fiscal_year),
        thresholds_for(organization),
    )
    rows = _indicator_rows(flags)
    _store_rows(organization, fiscal_year, rows)
    year.indicator_counts = dict(Counter(flag.kind for flag in flags))
    year.flagged_records = len({row[2] for row in rows})
    year.version += 1
    year.refreshed_at = timezone.now()
    year.save()
    return year


def indicators_refresh_all(
    *, organization: Organization, fiscal_year: int | None = None
) -> list[ProcurementYear]:
    """Recompute every fiscal year of the organisation (or just one)."""
    years = {fiscal_year} if fiscal_year else set()
    if not years:
        years.update(
            Procurement.objects.filter(organization=organization)
            .order_by()
            .values_list("fiscal_year", flat=True)
            .distinct()
        )
        years.update(
            ProcurementYear.objects.filter(organization=organization).values_list(
                "fiscal_year", flat=True
            )
        )
    return [
        indicators_refresh(organization=organization, fiscal_year=year)
        for year in sorted(years)
    ]


def indicators_missing_refresh(*, using: str = "default") -> int:
    """Queue a refresh of every (organisation, fiscal year) that has records
    but no stored indicators; returns how many were queued. One query (an
    anti-join on the years' key) when none is missing."""
    from .tasks import indicators_refresh_task

    stored = (
        ProcurementYear.objects.using(using)
        .all_organizations()
        .filter(
            organization_id=OuterRef("organization_id"),
            fiscal_year=OuterRef("fiscal_year"),
        )
    )
    missing = (
        Procurement.objects.using(using)
        .all_organizations()
        .exclude(fiscal_year=None)
        .filter(~Exists(stored))
        .order_by("organization_id", "fiscal_year")
        .values_list("organization_id", "fiscal_year")
        .distinct()
    )
    count = 0
    for organization_id, fiscal_year in missing:
        outbox.enqueue(indicators_refresh_task, organization_id, fiscal_year)
        count += 1
    return count


# --- after a change ---------------------------------------------------------------


def _flush(connection) -> None:
    from .tasks import indicators_refresh_task

    pending = connection.__dict__.pop("prongsai_indicator_years", set())
    connection.__dict__.pop("prongsai_indicator_flush", None)
    for organization_id, fiscal_year in sorted(pending):
        outbox.enqueue(indicators_refresh_task, organization_id, fiscal_year)


def indicators_year_changed(*, organization: Organization, fiscal_year: int) -> None:
    """Refresh the year's indicators once the current transaction commits
    (each year once, however many records the transaction changed)."""
    if not fiscal_year:
        return
    connection = transaction.get_connection()
    callback = connection.__dict__.get("prongsai_indicator_flush")
    registered = callback is not None and any(
        func is callback for _sids, func, _robust in connection.run_on_commit
    )
    if not registered:
        # A rolled-back transaction dropped the callback with its changes.
        callback = partial(_flush, connection)
        connection.__dict__["prongsai_indicator_flush"] = callback
        connection.__dict__["prongsai_indicator_years"] = set()
        pending = connection.__dict__["prongsai_indicator_years"]
        pending.add((organization.pk, fiscal_year))
        transaction.on_commit(callback)
        return
    connection.__dict__["prongsai_indicator_years"].add((organization.pk, fiscal_year))


def indicators_settings_changed(*, organization: Organization) -> None:
    """New thresholds: refresh every year of the organisation after commit."""
    years = set(
        Procurement.objects.filter(organization=organization)
        .order_by()
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    for year in years:
        indicators_year_changed(organization=organization, fiscal_year=year)


@transaction.atomic
def public_indicators_set(
    *, actor: User | None, organization: Organization, public: bool
) -> ProcurementSettings:
    """The organisation decides whether its public pages show the risk
    indicators (officers always see them); audited."""
    row, _created = ProcurementSettings.objects.get_or_create(organization=organization)
    changes = model_update(row, {"public_indicators": public}, ("public_indicators",))
    if changes:
        audit_log(
            actor=actor,
            organization=organization,
            action="procurement_settings.indicators",
            target=row,
            changes=changes,
        )
    return row
