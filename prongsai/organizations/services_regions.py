"""Viewer grants and the LAO directory: the writes above organisations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.spreadsheets import SpreadsheetError, read_csv, read_xlsx

from .directory import DirectoryFileError, ParsedEntry, parse_directory
from .models import Organization
from .models_regions import DirectoryEntry, ViewerGrant
from .provinces import province_name

_DIRECTORY_FIELDS = ("name", "kind", "province", "district", "website")


def _require_platform_operator(actor: User | None) -> None:
    # ``None`` is the command line (``prongsai grant_viewer``): whoever runs it
    # already holds the server.
    if actor is not None and not actor.is_superuser:
        raise DomainError(_("Only a platform superuser may grant or revoke viewers."))


@transaction.atomic
def viewer_grant_create(
    *,
    actor: User | None,
    user: User,
    scope: str,
    province: str = "",
    note: str = "",
) -> ViewerGrant:
    """Let ``user`` read every organisation of a province or of the country.

    The viewer becomes a member of no organisation: their pages are
    ``/region/``, never an organisation's back office.
    """
    _require_platform_operator(actor)
    if scope not in ViewerGrant.Scope.values:
        raise DomainError(_("Unknown viewer scope."), field="scope")
    name = ""
    if scope == ViewerGrant.Scope.PROVINCE:
        name = province_name(province) or ""
        if not name:
            raise DomainError(
                _("“%(value)s” is not a province of Thailand (name or code).")
                % {"value": province},
                field="province",
            )
    existing = ViewerGrant.objects.filter(user=user, scope=scope, province=name).first()
    if existing is not None:
        return existing
    grant = ViewerGrant(
        user=user,
        scope=scope,
        province=name,
        note=note,
        granted_by=actor if actor is not None else None,
    )
    grant.full_clean()
    grant.save()
    audit_log(
        actor=actor,
        organization=None,
        action="viewer.grant",
        target=grant,
        changes={"user": user.email, "scope": scope, "province": name},
    )
    return grant


@transaction.atomic
def viewer_grant_revoke(*, actor: User | None, grant: ViewerGrant) -> None:
    _require_platform_operator(actor)
    audit_log(
        actor=actor,
        organization=None,
        action="viewer.revoke",
        target=grant,
        changes={
            "user": grant.user.email,
            "scope": grant.scope,
            "province": grant.province,
        },
    )
    grant.delete()


# --- The directory ---------------------------------------------------------


@dataclass(frozen=True)
class DirectoryImportResult:
    rows: int
    created: int
    updated: int
    matched: int


def directory_read(*, content: bytes, filename: str) -> list[ParsedEntry]:
    """The entries of an uploaded CSV or XLSX file, or ``DomainError`` with
    every problem, row by row (nothing is imported when one row is wrong)."""
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")) or content[:2] == b"PK":
            rows = read_xlsx(content)
        else:
            rows = read_csv(content, sniff=True)
        return parse_directory(rows)
    except SpreadsheetError as error:
        raise DomainError(str(error), field="file") from error
    except DirectoryFileError as error:
        raise DomainError("\n".join(error.messages), field="file") from error


@transaction.atomic
def directory_import(
    *, actor: User | None, content: bytes, filename: str
) -> DirectoryImportResult:
    """Add or update the LAOs of the file (by DLA code), all or nothing, and
    match them to the organisations on the platform."""
    _require_platform_operator(actor)
    entries = directory_read(content=content, filename=filename)
    existing = {
        e.dla_code: e
        for e in DirectoryEntry.objects.filter(
            dla_code__in=[p.dla_code for p in entries]
        )
    }
    new, changed = [], []
    source = filename[:200]
    for parsed in entries:
        entry = existing.get(parsed.dla_code)
        if entry is None:
            entry = DirectoryEntry(dla_code=parsed.dla_code, source=source)
            new.append(entry)
        elif all(getattr(entry, f) == getattr(parsed, f) for f in _DIRECTORY_FIELDS):
            continue
        else:
            changed.append(entry)
            entry.source = source
        for field in _DIRECTORY_FIELDS:
            setattr(entry, field, getattr(parsed, field))
    DirectoryEntry.objects.bulk_create(new, batch_size=1000)
    DirectoryEntry.objects.bulk_update(
        changed, [*_DIRECTORY_FIELDS, "source"], batch_size=1000
    )
    matched = directory_match()
    audit_log(
        actor=actor,
        organization=None,
        action="directory.import",
        changes={
            "file": source,
            "rows": len(entries),
            "created": len(new),
            "updated": len(changed),
        },
    )
    return DirectoryImportResult(
        rows=len(entries), created=len(new), updated=len(changed), matched=matched
    )


def _name_key(name: str, province: str) -> tuple[str, str]:
    return (" ".join(name.split()), province)


def directory_match() -> int:
    """Link each directory entry to its organisation on the platform: the
    same DLA code, or else the same name in the same province. Returns how
    many entries are linked."""
    organizations = list(
        Organization.objects.filter(is_active=True).values_list(
            "pk", "dla_code", "name", "province"
        )
    )
    by_code = {code: pk for pk, code, _name, _province in organizations}
    by_name = {
        _name_key(name, province): pk for pk, _code, name, province in organizations
    }
    taken: set[int] = set()
    plan: dict[int, int | None] = {}
    entries = list(
        DirectoryEntry.objects.values_list(
            "pk", "dla_code", "name", "province", "organization_id"
        )
    )
    # Codes first, so that a name match never takes an organisation whose
    # own code is elsewhere in the list.
    for pk, code, _name, _province, _current in entries:
        if code in by_code:
            plan[pk] = by_code[code]
            taken.add(by_code[code])
    for pk, _code, name, province, _current in entries:
        if pk in plan:
            continue
        candidate = by_name.get(_name_key(name, province))
        plan[pk] = candidate if candidate not in taken else None
        if candidate is not None:
            taken.add(candidate)
    stale = [pk for pk, *_rest, current in entries if current != plan[pk]]
    if stale:
        DirectoryEntry.objects.filter(pk__in=stale).update(organization=None)
        for pk in stale:
            if plan[pk] is not None:
                DirectoryEntry.objects.filter(pk=pk).update(organization_id=plan[pk])
    return sum(1 for value in plan.values() if value is not None)
