"""What the register's services share (``services``, ``services_year``): the
fields a caller gave, the first day of a month, and an audited deletion."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.services import given
from prongsai.organizations.models import Organization


def given_fields(arguments: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The arguments among *names* that the caller gave (not ``UNSET``);
    *arguments* is usually the service's ``locals()``."""
    return given(**{name: arguments[name] for name in names})


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def delete_audited(
    *,
    actor: User | None,
    record: models.Model,
    organization: Organization,
    action: str,
    changes: dict[str, Any],
) -> None:
    """Write the audit row of a deletion, then delete *record*."""
    audit_log(
        actor=actor,
        organization=organization,
        action=action,
        target=record,
        changes=changes,
    )
    record.delete()
