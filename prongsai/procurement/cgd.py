"""The CGD "ภาษีไปไหน" open API (service ``cgdcontract``): fetching an e-GP
department's contracts of one fiscal year, and reading them as the rows of a
procurement table.

The API host is fixed (``CGD_API_URL``), not typed by a user, so the pinned
connections of ``organizations.hosts`` (which guard addresses users give) do
not apply; every request has a timeout and a size limit, and the key (a query
parameter, as the API wants it) never appears in an error or a log.

The records are turned into a table with the Thai column names of the same
dataset's CSV export, and read by ``parsing.parse_rows``: exactly as a
downloaded e-GP file is read, so a feed row and a file row of one purchase
are alike for the matching.
"""

from __future__ import annotations

import datetime
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

CGD_API_URL = "https://govspendingapi.data.go.th/api/service/cgdcontract"
TIMEOUT = 30  # seconds, connecting and each read
MAX_BYTES = 20 * 1024 * 1024  # one response
PAGE_SIZE = 500
MAX_PAGES = 40  # 20,000 contracts of one department and year at most

# Why a fetch failed (the settings page says it in Thai; the task retries).
KEY_REFUSED = "key_refused"
RATE_LIMITED = "rate_limited"
UNAVAILABLE = "unavailable"
MALFORMED = "malformed"
NOT_CONFIGURED = "not_configured"


class FeedError(Exception):
    """A fetch that failed; ``kind`` is one of the constants above."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


#: ``opener(url, timeout) -> (status, body)``; raises ``OSError`` on timeouts
#: and refused connections. Tests replace it (the network edge).
Opener = Callable[[str, float], tuple[int, bytes]]


def urllib_opener(url: str, timeout: float) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs
        url, headers={"Accept": "application/json, application/xml;q=0.9"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            body = answer.read(MAX_BYTES + 1)
            return answer.status, body
    except urllib.error.HTTPError as error:
        return error.code, b""


def get(url: str, *, opener: Opener | None = None) -> bytes:
    """The body of a successful GET of *url*, or :class:`FeedError`."""
    try:
        status, body = (opener or urllib_opener)(url, TIMEOUT)
    except (OSError, http.client.HTTPException) as error:  # URLError, timeouts
        raise FeedError(UNAVAILABLE, type(error).__name__) from None
    if status in (401, 403):
        raise FeedError(KEY_REFUSED, str(status))
    if status == 429:
        raise FeedError(RATE_LIMITED, str(status))
    if status != 200:
        raise FeedError(UNAVAILABLE, str(status))
    if len(body) > MAX_BYTES:
        raise FeedError(MALFORMED, "too large")
    return body


def contracts_url(*, dept_code: str, fiscal_year: int, api_key: str, offset: int):
    query = urllib.parse.urlencode(
        {
            "user_token": api_key,
            "dept_code": dept_code,
            "year": fiscal_year,
            "offset": offset,
            "limit": PAGE_SIZE,
        }
    )
    return f"{CGD_API_URL}?{query}"


def _records(body: bytes) -> list[dict]:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise FeedError(MALFORMED, "not JSON") from None
    records = data.get("result") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FeedError(MALFORMED, "no result list")
    return records


def fetch_contracts(
    *, dept_code: str, fiscal_year: int, api_key: str, opener: Opener | None = None
) -> list[dict]:
    """Every ``cgdcontract`` record of one department and BE fiscal year.

    The year is the fiscal year (1 October to 30 September, named by the BE
    year it ends in), never guessed from the calendar month. All pages are
    read before anything is returned: a failure on any page fails the fetch.
    """
    if not (dept_code and api_key):
        raise FeedError(NOT_CONFIGURED)
    found: list[dict] = []
    for page in range(MAX_PAGES):
        url = contracts_url(
            dept_code=dept_code,
            fiscal_year=fiscal_year,
            api_key=api_key,
            offset=page * PAGE_SIZE,
        )
        records = _records(get(url, opener=opener))
        found.extend(records)
        if len(records) < PAGE_SIZE:
            break
    return found


# --- records as table rows ----------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _date(value):
    """An ISO date (CE or BE year) as a date; other text as it is."""
    if value in (None, "", "-"):
        return ""
    match = _ISO_DATE.match(str(value))
    if not match:
        return str(value)
    year, month, day = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)  # parse_date turns BE years to CE
    except ValueError:
        return str(value)


def _money(value):
    if value in (None, "", "-"):
        return ""
    if isinstance(value, (int, float)):
        try:
            return format(Decimal(str(value)), "f")
        except InvalidOperation:
            return ""
    return str(value)


def _first_contract(record: Mapping) -> dict:
    contracts = [c for c in record.get("contract") or [] if isinstance(c, dict)]
    contracts.sort(key=lambda c: str(c.get("contract_date") or ""))
    return contracts[0] if contracts else {}


def _agreed(record: Mapping):
    if record.get("sum_price_agree") not in (None, "", "-"):
        return _money(record["sum_price_agree"])
    total = Decimal(0)
    found = False
    for contract in record.get("contract") or []:
        text = str(contract.get("price_agree") or "").replace(",", "")
        try:
            total += Decimal(text)
            found = True
        except InvalidOperation:
            continue
    return format(total, "f") if found else ""


HEADER = (
    "รหัสโครงการ",
    "ชื่อโครงการ",
    "ชื่อประเภทโครงการ",
    "วิธีจัดซื้อจัดจ้าง",
    "วันที่ประกาศ",
    "วงเงินงบประมาณ (บาท)",
    "ราคากลาง (บาท)",
    "ราคาตกลงซื้อ/จ้าง",
    "วันที่เกิดรายการ",
    "สถานะโครงการ",
    "เลขที่สัญญา",
    "วันที่ลงนามสัญญา",
    "วันที่สิ้นสุดสัญญา",
    "ชื่อผู้ชนะ",
    "เลขประจำตัวผู้เสียภาษี",
    "ปีงบประมาณ",
)


def record_row(record: Mapping) -> list:
    """One ``cgdcontract`` record as a row under :data:`HEADER`."""
    contract = _first_contract(record)
    return [
        str(record.get("project_id") or ""),
        str(record.get("project_name") or ""),
        str(record.get("project_type_name") or ""),
        str(record.get("purchase_method_name") or ""),
        _date(record.get("announce_date")),
        _money(record.get("project_money")),
        _money(record.get("price_build")),
        _agreed(record),
        _date(record.get("transaction_date")),
        str(record.get("project_status") or ""),
        str(contract.get("contract_no") or ""),
        _date(contract.get("contract_date")),
        _date(contract.get("contract_finish_date")),
        str(contract.get("winner") or ""),
        str(contract.get("winner_tin") or ""),
        str(record.get("budget_year") or ""),
    ]


def contracts_table(records: Sequence[Mapping]) -> list[list]:
    """The records as a table (header first) for ``parsing.parse_rows``."""
    return [list(HEADER), *(record_row(record) for record in records)]


def feed_label(day: datetime.date) -> str:
    """The source recorded on what a fetch brings, e.g. "e-GP API 2026-12-07"."""
    return f"e-GP API {day.isoformat()}"
