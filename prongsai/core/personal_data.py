"""Finding, exporting and erasing one person's data across the apps (PDPA).

Each app says where it keeps personal data in its own ``personal_data.py``,
which :class:`prongsai.core.apps.CoreConfig` imports at start-up::

    from prongsai.core.personal_data import PersonalDataSource, register

    register(PersonalDataSource(
        key="eservices.request",
        label=_("E-Service requests"),
        find=find_requests,      # (*, organization, identifiers) -> [Found]
        export=export_requests,  # (*, organization, pks) -> [dict]
        erase=erase_requests,    # (*, organization, pks, actor, reason, now) -> int
    ))

A finder looks only inside the organisation it is given and returns
:class:`Found` rows; a row of confidential content (a corruption report)
says so with its audience, and is shown, exported and erased only for a
user whose ``confidential_access`` is that audience: the organisation's
integrity officers (``AUDIENCE_OFFICERS``), or its executives for a report
about an integrity officer (``AUDIENCE_EXECUTIVES``), so that an officer
cannot find a report about themselves by searching for its reporter.
Everyone else sees that such rows exist and how many, never what they hold.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.crypto import salted_hmac

IDENTIFIER_FIELDS = ("email", "phone", "line_user_id", "national_id", "name")
HASH_SALT = "prongsai.core.personal_data"


@dataclass(frozen=True)
class Identifiers:
    """What a data subject is known by; empty strings are not searched."""

    email: str = ""
    phone: str = ""
    line_user_id: str = ""
    national_id: str = ""
    name: str = ""

    @classmethod
    def clean(cls, **values: str) -> Identifiers:
        email = (values.get("email") or "").strip().lower()
        phone = (values.get("phone") or "").strip()
        national_id = re.sub(r"\D", "", values.get("national_id") or "")
        name = " ".join((values.get("name") or "").split())
        line_user_id = (values.get("line_user_id") or "").strip()
        return cls(
            email=email,
            phone=phone,
            line_user_id=line_user_id,
            national_id=national_id,
            name=name,
        )

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in IDENTIFIER_FIELDS)

    def given(self) -> list[str]:
        return [name for name in IDENTIFIER_FIELDS if getattr(self, name)]

    def phone_variants(self) -> list[str]:
        """The phone as typed, digits only, and the usual Thai groupings."""
        if not self.phone:
            return []
        digits = re.sub(r"\D", "", self.phone)
        if digits.startswith("66") and len(digits) in (10, 11):
            digits = "0" + digits[2:]
        variants = {self.phone, digits}
        if len(digits) == 10:
            variants |= {
                f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
                f"{digits[:3]} {digits[3:6]} {digits[6:]}",
                f"{digits[:3]}-{digits[3:]}",
                "+66" + digits[1:],
            }
        if len(digits) == 9:
            variants |= {f"{digits[:2]}-{digits[2:5]}-{digits[5:]}"}
        return sorted(variants)

    def hashed(self) -> dict[str, str]:
        """Keyed hashes of the identifiers given, for the register.

        The register can show that two requests concern the same person
        without keeping who that person is.
        """
        return {
            name: salted_hmac(HASH_SALT, getattr(self, name)).hexdigest()[:32]
            for name in self.given()
        }


#: Who opens a confidential row: the integrity officers, or the executives
#: (a report about an integrity officer).
AUDIENCE_OFFICERS = "officers"
AUDIENCE_EXECUTIVES = "executives"


@dataclass
class Found:
    """One record of the person's data, described without confidential content."""

    source: str
    pk: int
    label: str
    when: datetime.datetime | None = None
    confidential: bool = False
    audience: str = AUDIENCE_OFFICERS  # who opens it, when confidential


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    label: Any  # lazy translated text
    find: Callable[..., Iterable[Found]]
    export: Callable[..., list[dict[str, Any]]]
    erase: Callable[..., int]


_SOURCES: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> PersonalDataSource:
    _SOURCES[source.key] = source
    return source


def sources() -> list[PersonalDataSource]:
    return [_SOURCES[key] for key in sorted(_SOURCES)]


@dataclass
class SearchResult:
    """What the search found for the user asking, per source."""

    found: dict[str, list[Found]] = field(default_factory=dict)
    hidden_confidential: int = 0  # confidential rows the user may not open

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.found.values())

    def counts(self) -> dict[str, int]:
        return {key: len(rows) for key, rows in self.found.items() if rows}

    def pks(self, key: str) -> list[int]:
        return [row.pk for row in self.found.get(key, [])]


def personal_data_find(
    *,
    organization,
    identifiers: Identifiers,
    confidential_access: str | None,
    general_access: bool = True,
) -> SearchResult:
    """Every record of ``organization`` that matches one of the identifiers.

    ``confidential_access`` is the audience of confidential rows the user
    opens (``AUDIENCE_OFFICERS``, ``AUDIENCE_EXECUTIVES``) or None. Rows the
    user may not open are left out; confidential ones are counted in
    ``hidden_confidential`` so that the user knows whom to call.
    """
    result = SearchResult()
    if identifiers.is_empty():
        return result
    for source in sources():
        rows = []
        for row in source.find(organization=organization, identifiers=identifiers):
            if row.confidential and row.audience != confidential_access:
                # An integrity officer is not even told that a report about
                # an integrity officer exists.
                if not (
                    confidential_access == AUDIENCE_OFFICERS
                    and row.audience == AUDIENCE_EXECUTIVES
                ):
                    result.hidden_confidential += 1
            elif row.confidential or general_access:
                rows.append(row)
        result.found[source.key] = rows
    return result


def personal_data_export(*, organization, result: SearchResult) -> dict[str, Any]:
    """A JSON-able copy of the found records (what the person may receive)."""
    records = {}
    for source in sources():
        pks = result.pks(source.key)
        if pks:
            records[source.key] = {
                "label": str(source.label),
                "items": source.export(organization=organization, pks=pks),
            }
    return {
        "organization": str(organization),
        "exported_at": timezone.now().isoformat(),
        "records": records,
        "confidential_not_included": result.hidden_confidential,
    }


def personal_data_erase(
    *, organization, result: SearchResult, actor, reason: str
) -> dict[str, int]:
    """Erase or anonymise the found records; returns how many per source."""
    now = timezone.now()
    done = {}
    for source in sources():
        pks = result.pks(source.key)
        if pks:
            done[source.key] = source.erase(
                organization=organization,
                pks=pks,
                actor=actor,
                reason=reason,
                now=now,
            )
    return done
