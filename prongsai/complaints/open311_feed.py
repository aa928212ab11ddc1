"""The complaint centre in the Open311 GeoReport v2 API (``core.open311``).

Read-only: every public report of the complaints map (``selectors_map``: open
ones and those resolved in the last 90 days, with an approved public text,
never confidential reports or merged duplicates) is a request of the service
``complaints_<category id>`` (``complaints_other`` without a category). Its
``service_request_id`` is the case reference, never the tracking code; its
``description`` is the approved public text only; ``lat``/``long`` are
rounded to about 10 m; no address, name or contact leaves. ``POST`` is
refused with a pointer to the complaint form: complaints are filed there (or
by LINE, Facebook, phone...), where the complainant sees the privacy notice.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.open311 import (
    FEED_CODE_SEPARATOR,
    Open311Feed,
    Open311Query,
    Open311Request,
)
from prongsai.core.urls import absolute_url

from . import selectors, selectors_map
from .selectors_map import STATE_OPEN, STATE_RESOLVED, PublicReport

PREFIX = "complaints"
OTHER = "other"


def service_code(category_id: int | None) -> str:
    return PREFIX + FEED_CODE_SEPARATOR + (str(category_id) if category_id else OTHER)


def _iso(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _services(organization) -> list[dict]:
    group = _("Complaints")
    rows = [
        {
            "service_code": service_code(category.pk),
            "service_name": category.name,
            "description": _(
                "Public reports of complaints and suggestions about %(name)s, "
                "handled by %(unit)s. Read-only here."
            )
            % {"name": category.name, "unit": category.responsible_unit},
            "metadata": False,
            "type": "realtime",
            "keywords": group,
            "group": group,
        }
        for category in selectors.category_list(
            organization=organization, active_only=True
        )
    ]
    rows.append(
        {
            "service_code": service_code(None),
            "service_name": _("Other complaints and suggestions"),
            "description": _(
                "Public reports of complaints and suggestions without a category. "
                "Read-only here."
            ),
            "metadata": False,
            "type": "realtime",
            "keywords": group,
            "group": group,
        }
    )
    return rows


def _row(report: PublicReport) -> dict:
    return {
        "service_request_id": report.public_id,
        "status": "open" if report.state == STATE_OPEN else "closed",
        "status_notes": report.status_label,
        "service_name": report.category or _("Other complaints and suggestions"),
        "service_code": service_code(report.category_id),
        # The approved public text only, never the complainant's words.
        "description": report.subject,
        "agency_responsible": "",
        "service_notice": "",
        "requested_datetime": _iso(report.received_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": None,
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": report.latitude,
        "long": report.longitude,
        "media_url": report.after_photo_url or "",
    }


def _category_filter(codes: tuple[str, ...]) -> tuple[list[int] | None, bool]:
    """The category ids and "uncategorised" named by ``codes`` (None: all)."""
    if not codes:
        return None, False
    ids, other = [], False
    for code in codes:
        prefix, _sep, rest = code.partition(FEED_CODE_SEPARATOR)
        if prefix != PREFIX:
            continue
        if rest == OTHER:
            other = True
        elif rest.isdigit() and len(rest) < 10:
            ids.append(int(rest))
    return ids, other


def _requests(organization, query: Open311Query):
    category_ids, other = _category_filter(query.service_codes)
    if category_ids == [] and not other:
        return
    state = {"open": STATE_OPEN, "closed": STATE_RESOLVED}.get(query.status, "")
    for report in selectors_map.public_report_iter(
        organization=organization,
        received_from=query.start,
        received_to=query.end,
        category_ids=category_ids,
        uncategorised=other,
        state=state,
    ):
        yield Open311Request(requested_at=report.received_at, row=_row(report))


def _requests_by_id(organization, public_ids: list[str]) -> list[dict]:
    return [
        _row(report)
        for report in selectors_map.public_report_list_by_id(
            organization=organization, public_ids=public_ids
        )
    ]


def _read_only_notice(organization) -> str:
    return _("Complaints are read-only in this API. File a complaint at %(url)s.") % {
        "url": absolute_url(
            reverse("complaints-public:home", kwargs={"org": organization.slug}),
            organization=organization,
        )
    }


OPEN311_FEED = Open311Feed(
    prefix=PREFIX,
    services=_services,
    requests=_requests,
    requests_by_id=_requests_by_id,
    read_only_notice=_read_only_notice,
)
