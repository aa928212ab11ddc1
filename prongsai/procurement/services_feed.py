"""The e-GP feed: the organisation's settings, the nightly fetch of its CGD
contracts and e-GP announcements, and the departments list.

A fetch reads every contract of the fiscal year (``cgd``), reads them as the
rows of an e-GP table (``parsing``, as a downloaded file) and stages them with
``services_register.register_stage`` under the source "e-GP API <date>", the
same matching as a file import. When every row is certain (new, or surely a
recorded purchase) the import is committed at once; when a row is uncertain
or has a problem the whole import waits in the import preview for the officer
to confirm. Either way nothing is half-imported. Announcements from the RSS
are kept by e-GP project number, which links them to records.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from . import cgd, egp_departments, egp_rss, parsing, services_import
from .models import (
    EgpAnnouncement,
    EgpDepartment,
    ImportBatch,
    ImportRow,
    ProcurementSettings,
)
from .provenance import FEED, Source
from .services_register import register_stage

LAYOUT = "egp-api"
OK = "ok"
WAITING = "waiting"
RUNNING = "queued"
_CODE_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-")


# --- settings ---------------------------------------------------------------------


@transaction.atomic
def egp_settings_update(
    *,
    actor: User | None,
    organization: Organization,
    egp_department_code: str,
    cgd_api_key: str = "",
    clear_key: bool = False,
) -> ProcurementSettings:
    """Set the e-GP department code and, when given, the CGD API key.

    An empty key keeps the stored one; ``clear_key`` removes it. The key is
    stored encrypted; the audit row says that it changed, never its value.
    """
    code = (egp_department_code or "").strip().upper()
    if code and not set(code) <= _CODE_CHARACTERS:
        raise DomainError(
            _("An e-GP department code has only digits and letters."),
            field="egp_department_code",
        )
    row, _created = ProcurementSettings.objects.get_or_create(organization=organization)
    data: dict[str, str] = {"egp_department_code": code}
    key = (cgd_api_key or "").strip()
    if clear_key:
        data["cgd_api_key"] = ""
    elif key:
        data["cgd_api_key"] = key
    changes = model_update(row, data, ("egp_department_code", "cgd_api_key"))
    audit_log(
        actor=actor,
        organization=organization,
        action="procurement_settings.save",
        target=row,
        changes=changes,
        sensitive=("cgd_api_key",),
    )
    return row


def _record(settings: ProcurementSettings, outcome: str, result: dict) -> None:
    settings.egp_fetched_at = timezone.now()
    settings.egp_outcome = outcome
    settings.egp_result = result
    settings.save(update_fields=["egp_fetched_at", "egp_outcome", "egp_result"])


def egp_fetch_queued(*, organization: Organization) -> None:
    """Note that a fetch was asked for (the page says so until it runs)."""
    ProcurementSettings.objects.filter(organization=organization).update(
        egp_outcome=RUNNING
    )


# --- the fetch --------------------------------------------------------------------


def _pending_feed_batches(organization: Organization):
    return ImportBatch.objects.filter(
        organization=organization,
        state=ImportBatch.State.PREVIEW,
        layout=LAYOUT,
    )


def _decided(batch: ImportBatch) -> bool:
    return batch.import_rows.exclude(decision={}).exists()


def _stage_and_commit(
    organization: Organization, rows: list[dict], problems: list[dict], label: str
) -> tuple[str, dict]:
    """Stage the rows; commit them unless a row needs the officer."""
    with transaction.atomic():
        for old in _pending_feed_batches(organization):
            old.delete()  # an undecided earlier fetch: this one replaces it
        batch = register_stage(
            actor=None,
            organization=organization,
            rows=rows,
            source=Source(FEED, label),
            layout=LAYOUT,
            content=label.encode(),
            problems=problems,
        )
    plan = batch.result.get("plan", {})
    counts = {"rows": batch.row_count, "plan": plan, "batch": batch.pk}
    if plan.get(ImportRow.Action.UNCERTAIN) or batch.error_count:
        return WAITING, {**counts, "errors": batch.error_count}
    try:
        outcome = services_import.import_commit(actor=None, batch=batch)
    except (DomainError, ValidationError) as error:
        message = error.message if isinstance(error, DomainError) else error.messages
        return WAITING, {**counts, "errors": 1, "message": str(message)}
    return OK, {**counts, **outcome}


def egp_feed_run(
    *,
    organization: Organization,
    fiscal_year: int | None = None,
    today: datetime.date | None = None,
    opener: cgd.Opener | None = None,
) -> dict:
    """Fetch the fiscal year's contracts and announcements and register them.

    Raises :class:`cgd.FeedError` (after recording it for the settings page)
    when the API refuses the key, limits the rate, is down or answers
    something that is not its JSON; nothing is staged then.
    """
    settings = ProcurementSettings.for_organization(organization)
    today = today or timezone.localdate()
    year = fiscal_year or thai_dates.fiscal_year(today)
    label = cgd.feed_label(today)
    if not (settings.pk and settings.egp_department_code and settings.cgd_api_key):
        raise cgd.FeedError(cgd.NOT_CONFIGURED)
    # Pending decisions of the officer are never thrown away.
    waiting = [b for b in _pending_feed_batches(organization) if _decided(b)]
    try:
        records = cgd.fetch_contracts(
            dept_code=settings.egp_department_code,
            fiscal_year=year,
            api_key=settings.cgd_api_key,
            opener=opener,
        )
    except cgd.FeedError as error:
        _record(settings, error.kind, {"fiscal_year": year})
        raise
    if waiting:
        outcome, result = WAITING, {"batch": waiting[0].pk, "plan": {}, "rows": 0}
    elif records:
        parsed = parsing.parse_rows(cgd.contracts_table(records), fiscal_year=year)
        outcome, result = _stage_and_commit(
            organization, parsed.rows, list(parsing.iter_problems(parsed)), label
        )
    else:
        outcome, result = OK, {"rows": 0, "plan": {}}
    result.update(fiscal_year=year, contracts=len(records))
    try:
        result["announcements"] = egp_announcements_refresh(
            organization=organization,
            dept_code=settings.egp_department_code,
            opener=opener,
        )
    except cgd.FeedError as error:
        result["announcements_error"] = error.kind
    _record(settings, outcome, result)
    audit_log(
        actor=None,
        organization=organization,
        action="procurement.egp_fetch",
        target=settings,
        changes={"source": label, "outcome": outcome, **_summary(result)},
    )
    return {"outcome": outcome, **result}


def _summary(result: dict) -> dict:
    keys = ("fiscal_year", "contracts", "created", "updated", "unchanged", "batch")
    return {key: result[key] for key in keys if key in result}


def egp_announcements_refresh(
    *, organization: Organization, dept_code: str, opener: cgd.Opener | None = None
) -> int:
    """Keep the announcements the RSS lists; returns how many were new."""
    found = egp_rss.fetch(dept_code=dept_code, opener=opener)
    known = set(
        EgpAnnouncement.objects.filter(
            organization=organization, url__in=[a.url for a in found]
        ).values_list("url", flat=True)
    )
    new = {a.url: a for a in found if a.url not in known}
    EgpAnnouncement.objects.bulk_create(
        EgpAnnouncement(
            organization=organization,
            project_number=a.project_number,
            kind=a.kind,
            title=a.title,
            url=a.url,
            published_at=a.published_at,
        )
        for a in new.values()
    )
    return len(new)


# --- the departments list -----------------------------------------------------------


@transaction.atomic
def egp_departments_load(
    *, departments: Sequence[egp_departments.Department], replace: bool = False
) -> int:
    """Add or update the e-GP departments (by code); ``replace`` drops the rest."""
    if replace:
        EgpDepartment.objects.exclude(code__in=[d.code for d in departments]).delete()
    existing = {d.code: d for d in EgpDepartment.objects.all()}
    new, changed = [], []
    for department in departments:
        row = existing.get(department.code)
        if row is None:
            new.append(
                EgpDepartment(
                    code=department.code[:20],
                    name=department.name[:300],
                    province=department.province[:100],
                )
            )
        elif (row.name, row.province) != (department.name, department.province):
            row.name, row.province = department.name[:300], department.province[:100]
            changed.append(row)
    EgpDepartment.objects.bulk_create(new)
    EgpDepartment.objects.bulk_update(changed, ["name", "province"])
    return len(new) + len(changed)
