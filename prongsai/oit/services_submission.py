"""Writes once a checklist is prepared: submission, assessors' scores and link checks.

The snapshot of every evidence URL at submission, the link checker's runs
against it, and the item scores that flow into the year's ITA result.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.urls import absolute_url
from prongsai.ita import selectors as ita_selectors
from prongsai.ita.services import ita_result_record
from prongsai.organizations.models import Organization

from . import linkcheck, selectors
from .models import (
    Checklist,
    LinkCheck,
    SubmittedCopy,
    SubmittedUrl,
    snapshot_path,
)
from .services import check_open, checklist_items_submit, user_or_none

#: The largest page or file kept as a copy at submission.
SNAPSHOT_MAX_BYTES = 10 * 1024 * 1024
_EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/csv": ".csv",
    "application/json": ".json",
    "text/plain": ".txt",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}


def own_origins(organization: Organization) -> set[linkcheck.Origin]:
    """Where this site itself answers: the host of ``PRONGSAI_BASE_URL`` and
    the organisation's verified own host name (as ``absolute_url`` uses it),
    on their port, or on both 80 and 443 when that is a default one (the
    proxy answers http with a redirect to https)."""
    origins = set()
    for url in (
        settings.PRONGSAI_BASE_URL,
        absolute_url("/", organization=organization),
    ):
        origin = linkcheck.origin_of(url)
        if origin is None:
            continue
        host, port = origin
        origins |= {(host, 80), (host, 443)} if port in (80, 443) else {origin}
    return origins


def _fetcher_defaults(organization: Organization) -> dict:
    """Fetch pages of this site at the organisation's public address."""
    return {
        "absolute": lambda path: absolute_url(path, organization=organization),
        "own_origins": own_origins(organization),
    }


def _fetch_options(organization: Organization, given: Mapping | None) -> dict:
    options = _fetcher_defaults(organization)
    options.update(given or {})
    return options


def _keep_copy(
    *, checklist: Checklist, row: SubmittedUrl, result: linkcheck.FetchResult, now
) -> SubmittedCopy:
    """A private copy of what ``row``'s URL served (one file per content)."""
    copy = SubmittedCopy(
        organization=checklist.organization,
        submitted_url=row,
        fetched_url=result.url[:500],
        final_url=result.final_url[:500],
        fetched_at=now,
        content_type=result.content_type[:100],
        size=result.size,
        sha256=result.sha256,
    )
    if result.body is not None and result.status is not None and result.body:
        media_type = result.content_type.split(";", 1)[0].strip().lower()
        name = snapshot_path(
            copy,
            f"{checklist.fiscal_year}/{result.sha256}"
            f"{_EXTENSIONS.get(media_type, '.bin')}",
        )
        storage = copy.file.storage  # the private storage of the field
        if not storage.exists(name):
            name = storage.save(name, ContentFile(result.body))
        copy.file.name = name
        copy.outcome = SubmittedCopy.Outcome.STORED
    elif result.too_large:
        copy.outcome = SubmittedCopy.Outcome.TOO_LARGE
    else:
        copy.outcome = SubmittedCopy.Outcome.NOT_FETCHED
    return copy


def checklist_submit(
    *,
    actor: User | None,
    checklist: Checklist,
    fetch_options: Mapping | None = None,
) -> Checklist:
    """Freeze the URL set and snapshot every evidence URL (hash, time, copy).

    Ready items become submitted; items not ready stay as they are and will
    score 0. Every URL is fetched as the public would (this site's pages at
    the organisation's public address); a copy of each answer up to
    ``SNAPSHOT_MAX_BYTES`` is kept in private storage with its SHA-256.

    The pages are fetched before the write transaction opens: this site's
    own pages may write while they are made (a public document kept on first
    request, a cache row), and must not wait for the submission's lock.
    """
    check_open(checklist)
    states = selectors.checklist_item_list_states(checklist)
    if not any(s.item.counts_as_done for s in states):
        raise DomainError(_("Mark at least one item ready before submitting."))
    options = _fetch_options(checklist.organization, fetch_options)
    options.setdefault("keep_bytes", SNAPSHOT_MAX_BYTES)
    fetched = linkcheck.fetch_many(_state_urls(states), **options)
    return _checklist_submit_record(
        actor=actor, checklist=checklist, fetched=fetched, options=options
    )


def _state_urls(states) -> list[str]:
    return [url for state in states for url, _title in state.links]


@transaction.atomic
def _checklist_submit_record(
    *,
    actor: User | None,
    checklist: Checklist,
    fetched: dict[str, linkcheck.FetchResult],
    options: dict,
) -> Checklist:
    """The writes of ``checklist_submit``, in one transaction, on the
    checklist as it is now (locked): a URL added since the fetch is fetched
    here, and a checklist submitted meanwhile is refused."""
    checklist = (
        Checklist.objects.for_organization(checklist.organization_id)
        .select_for_update()
        .get(pk=checklist.pk)
    )
    check_open(checklist)
    states = selectors.checklist_item_list_states(checklist)
    missing = [url for url in _state_urls(states) if url not in fetched]
    if missing:
        fetched = {**fetched, **linkcheck.fetch_many(missing, **options)}
    now = timezone.now()
    rows, results = [], []
    for state in states:
        for url, title in state.links:
            result = fetched[url]
            results.append(result)
            rows.append(
                SubmittedUrl(
                    organization=checklist.organization,
                    item=state.item,
                    url=url[:500],
                    title=title[:300],
                    status_code=result.status,
                    content_hash=result.content_hash,
                    size=result.size,
                    retrieved_at=now,
                    error=result.problem[:300],
                )
            )
    SubmittedUrl.objects.bulk_create(rows)
    copies = SubmittedCopy.objects.bulk_create(
        _keep_copy(checklist=checklist, row=row, result=result, now=now)
        for row, result in zip(rows, results, strict=True)
    )
    checklist_items_submit(actor=actor, checklist=checklist)
    checklist.submitted_at = now
    checklist.submitted_by = user_or_none(actor)
    checklist.save(update_fields=["submitted_at", "submitted_by", "updated_at"])
    audit_log(
        actor=actor,
        organization=checklist.organization,
        action="oit_checklist.submit",
        target=checklist,
        changes={
            "urls": len(rows),
            "broken": sum(
                1 for r in rows if not (r.status_code and r.status_code < 400)
            ),
            "copies": sum(
                1 for c in copies if c.outcome == SubmittedCopy.Outcome.STORED
            ),
        },
    )
    return checklist


def checklist_submit_confirm(
    *,
    actor: User | None,
    checklist: Checklist,
    confirmed: bool,
    not_ready_seen: Iterable[str],
    fetch_options: Mapping | None = None,
) -> Checklist:
    """The confirmation step of the submission: submit only when the person
    ticked the confirmation and saw the list of items not ready as it is now
    (``not_ready_seen``: their codes); otherwise nothing happens and the
    error says why, in Thai.
    """
    check_open(checklist)
    if not confirmed:
        raise DomainError(
            _("Tick the confirmation to submit the checklist."), field="confirm"
        )
    now_not_ready = [
        item.code
        for item in selectors.checklist_item_list_not_ready(checklist=checklist)
    ]
    if sorted(set(now_not_ready)) != sorted(set(not_ready_seen)):
        raise DomainError(
            _(
                "The items not ready have changed since the page was opened: "
                "check the list again before submitting."
            ),
            field="confirm",
        )
    return checklist_submit(
        actor=actor, checklist=checklist, fetch_options=fetch_options
    )


@transaction.atomic
def item_scores_record(
    *,
    actor: User | None,
    checklist: Checklist,
    scores: Mapping[str, object],
    final: bool,
) -> Checklist:
    """Record the assessors' preliminary or final item scores (0 or 100).

    When final scores cover every item and the year's ITA result is on
    record, they become that result's OIT item results.
    """
    items = {item.code: item for item in checklist.items.all()}
    errors = []
    clean: dict[str, int] = {}
    for code, raw in scores.items():
        if raw in (None, ""):
            continue
        if code not in items:
            errors.append(_("There is no item %(code)s this year.") % {"code": code})
            continue
        try:
            value = int(str(raw).strip())
        except ValueError:
            value = -1
        if value not in (0, 100):
            errors.append(
                _("Item %(code)s: a score is 0 or 100, not %(value)s.")
                % {"code": code, "value": raw}
            )
            continue
        clean[code] = value
    if errors:
        raise DomainError(" ".join(errors))
    field = "final_score" if final else "preliminary_score"
    changes = {}
    for code, value in clean.items():
        item = items[code]
        if getattr(item, field) != value:
            changes[code] = {"old": getattr(item, field), "new": value}
            setattr(item, field, value)
            item.save(update_fields=[field, "updated_at"])
    audit_log(
        actor=actor,
        organization=checklist.organization,
        action="oit_scores.final" if final else "oit_scores.preliminary",
        target=checklist,
        changes=changes,
    )
    if final and set(clean) == set(items):
        result = (
            ita_selectors.ita_result_list(organization=checklist.organization)
            .filter(fiscal_year=checklist.fiscal_year)
            .first()
        )
        if result is not None:
            ita_result_record(
                actor=actor,
                organization=checklist.organization,
                fiscal_year=checklist.fiscal_year,
                indicators=result.indicators,
                published=result.published,
                item_results=clean,
                notes=result.notes,
            )
    return checklist


def link_check_run(
    *,
    organization: Organization,
    checklist: Checklist,
    fetch_options: Mapping | None = None,
    now: Callable[[], datetime.datetime] = timezone.now,
) -> list[str]:
    """Fetch every evidence URL of the checklist and record the results.

    Returns Thai warnings: URLs that do not work, and, after submission,
    submitted URLs whose content changed or that broke.
    """
    options = _fetch_options(organization, fetch_options)
    states = selectors.checklist_item_list_states(checklist)
    submitted: dict[tuple[int, str], SubmittedUrl] = {
        (row.item_id, row.url): row
        for row in selectors.submitted_url_list(checklist=checklist)
    }
    urls = [url for s in states for url, _t in s.links]
    urls += [row.url for row in submitted.values()]
    fetched = linkcheck.fetch_many(urls, **options)
    checked_at = now()
    rows, warnings = [], []
    pairs = {(s.item, url) for s in states for url, _t in s.links}
    pairs |= {(row.item, row.url) for row in submitted.values()}
    for item, url in sorted(pairs, key=lambda p: (p[0].position, p[1])):
        result = fetched[url]
        before = submitted.get((item.pk, url))
        changed = bool(
            before
            and before.content_hash
            and result.content_hash != before.content_hash
        )
        rows.append(
            LinkCheck(
                organization=organization,
                item=item,
                url=url[:500],
                checked_at=checked_at,
                status_code=result.status,
                final_url=result.final_url[:500],
                redirects=result.redirects,
                content_hash=result.content_hash,
                elapsed_ms=result.elapsed_ms,
                error=result.problem[:300],
                ok=result.ok,
                changed_since_submission=changed,
            )
        )
        if not result.ok:
            warnings.append(f"{item.code}: ลิงก์ใช้ไม่ได้ ({result.problem}) {url}")
        elif changed:
            warnings.append(f"{item.code}: เนื้อหาเปลี่ยนไปหลังส่งแบบ OIT {url}")
    with transaction.atomic():
        LinkCheck.objects.bulk_create(rows)
    return warnings
