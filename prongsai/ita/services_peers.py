"""Peer groups: other organisations' published ITA results to compare with."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.organizations.models import Organization

from . import importing
from .importing import ImportFileError, parse_peers, read_table
from .models import (
    INDICATOR_NUMBERS,
    FrameworkVersion,
    PeerDataset,
    PeerResult,
)
from .scoring import round2, score
from .services import (
    _user,
)

PEER_BATCH = 2000


def _peer_framework(
    *, name: str, scope: str, fiscal_year: int, source: str, source_date
) -> FrameworkVersion:
    """The year's framework, once the peer group's own fields are valid."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the peer group a name.")]
    if scope not in PeerDataset.Scope.values:
        errors["scope"] = [_("Choose the scope of the peer group.")]
    if not source.strip():
        errors["source"] = [
            _("Say where the figures come from: a web address or the publisher.")
        ]
    if source_date is None:
        errors["source_date"] = [
            _("Give the date of the source (when it published the figures).")
        ]
    framework = FrameworkVersion.objects.filter(fiscal_year=fiscal_year).first()
    if framework is None:
        errors["fiscal_year"] = [
            _("There is no ITA framework for fiscal year %(year)s.")
            % {"year": fiscal_year}
        ]
    if errors:
        raise ValidationError(errors)
    assert framework is not None  # else errors["fiscal_year"] was raised
    return framework


def _peer_records(content: bytes, filename: str) -> list[dict]:
    try:
        rows = read_table(content, filename)
    except ImportFileError as error:
        raise ValidationError({"file": error.messages}) from None
    parsed = parse_peers(rows)
    if parsed.errors:
        raise ValidationError({"file": importing.listed_problems(parsed.errors)})
    return parsed.records


def _peer_scores(frame, record: dict) -> dict:
    """Indicators, tools and total of one peer: the file's figures first, the
    rest computed from them (tools from indicators, total from tools)."""
    indicators = record["indicators"]
    tools = dict(record["tools"])
    total = record["total"]
    if indicators:
        computed = score(frame, indicators)
        for key in ("iit", "eit", "oit"):
            tools.setdefault(key, getattr(computed, key))
        if total is None:
            total = computed.total
    if total is None:
        total = round2(
            sum(
                (tool.weight * tools[tool.code.lower()] for tool in frame.tools),
                Decimal(0),
            )
        )
    return {
        "total": total,
        **tools,
        **{f"i{n}": indicators.get(n) for n in INDICATOR_NUMBERS},
    }


@transaction.atomic
def peer_dataset_import(
    *,
    actor: User | None,
    organization: Organization,
    name: str,
    scope: str,
    fiscal_year: int,
    content: bytes,
    filename: str,
    source: str,
    source_date: datetime.date | None,
) -> PeerDataset:
    """Import other organisations' results of one fiscal year, all or nothing.

    The file may hold the ten indicators, or only IIT, EIT, OIT and the total
    as agencies publish them; ``source`` and ``source_date`` say where and
    when the figures were published, so readers can check them.
    """
    framework = _peer_framework(
        name=name,
        scope=scope,
        fiscal_year=fiscal_year,
        source=source,
        source_date=source_date,
    )
    records = _peer_records(content, filename)
    frame = framework.framework()
    dataset = PeerDataset(
        organization=organization,
        name=name.strip(),
        scope=scope,
        fiscal_year=fiscal_year,
        source_name=filename[:255],
        source=source.strip()[:500],
        source_date=source_date,
        row_count=len(records),
        imported_by=_user(actor),
    )
    dataset.full_clean()
    dataset.save()
    PeerResult.objects.bulk_create(
        [
            PeerResult(
                dataset=dataset,
                name=record["name"],
                code=record.get("code", "")[:20],
                province=record.get("province", "")[:100],
                kind=record.get("kind", "")[:100],
                **_peer_scores(frame, record),
            )
            for record in records
        ],
        batch_size=PEER_BATCH,
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_peers.import",
        target=dataset,
        changes={
            "name": dataset.name,
            "rows": dataset.row_count,
            "source": dataset.source,
            "source_date": str(source_date),
        },
    )
    return dataset


@transaction.atomic
def peer_dataset_delete(*, actor: User, dataset: PeerDataset) -> None:
    """Delete an imported peer group and its rows."""
    audit_log(
        actor=actor,
        organization=dataset.organization,
        action="ita_peers.delete",
        target=dataset,
        changes={"name": dataset.name},
    )
    dataset.delete()
