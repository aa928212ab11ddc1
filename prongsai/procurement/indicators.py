"""The catalogue of risk indicators (ตัวชี้วัดความเสี่ยง / ข้อสังเกต): for each code
its name, the rule it checks and why that matters, and the sentence shown
for one occurrence. The calculations are in ``redflags``.

The wording never accuses: an indicator is a reason to look closer, as ACT
Ai says ("เป็นเพียงการระบุความเสี่ยงเท่านั้น ซึ่งไม่ได้หมายความว่ามีการทุจริต
เกิดขึ้นแล้ว"). Officers always see indicators; the public sees them only when
the organisation turns on ``ProcurementSettings.public_indicators`` (off by
default, as ACT Ai keeps its labels behind a switch).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates


class IndicatorCode(models.TextChoices):
    NEAR_REFERENCE = "near_reference", _("Price close to the reference price")
    ABOVE_REFERENCE = "above_reference", _("Price above the reference price")
    LOW_VS_REFERENCE = "low_vs_reference", _("Price far below the reference price")
    LOW_VS_BIDDERS = "low_vs_bidders", _("Lowest bid far below the other bids")
    EQUAL_BIDS = "equal_bids", _("Bids of the same price")
    CLUSTERED_BIDS = "clustered_bids", _("Bids very close to each other")
    FEW_BIDDERS = "few_bidders", _("Fewer than three bidders")
    CONTRACT_ABOVE_BID = "contract_above_bid", _("Agreed price above the winning bid")
    REFERENCE_ABOVE_BUDGET = (
        "reference_above_budget",
        _("Reference price above the budget"),
    )
    NEAR_LIMIT = "near_limit", _("Just under the specific-method limit")
    SPLIT = "split", _("Possible split purchase (one supplier)")
    SPLIT_ITEM = (
        "split_item",
        _("Possible split purchase (same item, several suppliers)"),
    )
    SUPPLIER_SHARE = "supplier_share", _("Large share of one supplier")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    rule: Promise
    message: Promise


_RULES: dict[str, tuple[Promise, Promise]] = {
    # code: (rule: what is checked and why it matters, message of one case)
    "near_reference": (
        _(
            "A competitive method (e-bidding, e-market, selection) ended at 95 "
            "per cent or more of the reference price. Competition usually "
            "brings prices down; a price close to the reference price may mean "
            "that bidders did not really compete."
        ),
        _(
            "“%(title)s”: agreed at %(amount)s baht, %(percent)s%% of the "
            "reference price %(reference)s baht."
        ),
    ),
    "above_reference": (
        _(
            "The agreed price is above the reference price (ราคากลาง). The "
            "reference price is the most the agency expected to pay; paying "
            "more needs a recorded reason."
        ),
        _(
            "“%(title)s”: agreed at %(amount)s baht, above the reference price "
            "%(reference)s baht (%(percent)s%%)."
        ),
    ),
    "low_vs_reference": (
        _(
            "The agreed price is under 70 per cent of the reference price. An "
            "abnormally low price may not cover the work (risk of poor quality or an "
            "abandoned contract), or the reference price may have been set too "
            "high."
        ),
        _(
            "“%(title)s”: agreed at %(amount)s baht, only %(percent)s%% of the "
            "reference price %(reference)s baht."
        ),
    ),
    "low_vs_bidders": (
        _(
            "The lowest bid is under 80 per cent of the average of the other "
            "bids. A bid far below the others may not be realistic, or the "
            "other bids may have been placed only to look like competition."
        ),
        _(
            "“%(title)s”: the lowest bid %(lowest)s baht is %(percent)s%% of the "
            "other bids' average %(others)s baht."
        ),
    ),
    "equal_bids": (
        _(
            "Two or more bidders offered exactly the same price. Independent "
            "bidders rarely arrive at the same figure; it is worth checking "
            "that the bids were prepared separately."
        ),
        _("“%(title)s”: %(count)s bids of exactly %(amount)s baht."),
    ),
    "clustered_bids": (
        _(
            "Three or more bids lie within 1 per cent of each other. Bids this close "
            "together can be a sign that bidders coordinated their prices."
        ),
        _(
            "“%(title)s”: %(count)s bids between %(lowest)s and %(highest)s baht "
            "(%(percent)s%% apart)."
        ),
    ),
    "few_bidders": (
        _(
            "A competitive method received fewer than three bids. With few "
            "bidders there is little price competition; the invitation may "
            "have reached too few operators."
        ),
        _("“%(title)s”: %(count)s bid(s) recorded in a competitive method."),
    ),
    "contract_above_bid": (
        _(
            "The agreed (contract) price is above the price the selected "
            "supplier bid. A contract normally does not cost more than the "
            "winning offer."
        ),
        _(
            "“%(title)s”: agreed at %(amount)s baht, above the winning bid "
            "%(bid)s baht."
        ),
    ),
    "reference_above_budget": (
        _(
            "The reference price is above the budget amount. The work then "
            "cannot be paid for from its budget line as planned; the budget or "
            "the reference price deserves a second look."
        ),
        _(
            "“%(title)s”: the reference price %(reference)s baht is above the "
            "budget amount %(budget)s baht."
        ),
    ),
    "near_limit": (
        _(
            "A specific-method purchase within 10 per cent under the limit "
            "(500,000 baht unless the organisation set another) above which an "
            "open method is required. Amounts set just under a limit may avoid "
            "competition."
        ),
        _(
            "“%(title)s”: %(amount)s baht by the specific method, just under the "
            "%(limit)s baht limit."
        ),
    ),
    "split": (
        _(
            "Several specific-method purchases from the same supplier within 30 "
            "days, each under the limit but together over it. Splitting one "
            "need into small purchases avoids the competitive method the total "
            "would require."
        ),
        _(
            "%(count)s specific-method purchases from %(supplier)s between "
            "%(first)s and %(last)s total %(total)s baht, over the %(limit)s "
            "baht limit."
        ),
    ),
    "split_item": (
        _(
            "Specific-method purchases of the same item (the same title apart "
            "from numbers) from two or more suppliers within 14 days, each under "
            "the limit but together over it. Spreading one need over several "
            "suppliers also avoids the competitive method."
        ),
        _(
            "%(count)s specific-method purchases of “%(title)s” from %(suppliers)s "
            "suppliers between %(first)s and %(last)s total %(total)s baht, over "
            "the %(limit)s baht limit."
        ),
    ),
    "supplier_share": (
        _(
            "One supplier won 40 per cent or more of the year's agreed value. A large "
            "share is not wrong in itself (few operators in the area), but it "
            "shows where competition may be weak."
        ),
        _(
            "%(supplier)s won %(share)s%% of the year's agreed value (%(total)s "
            "of %(year_total)s baht)."
        ),
    ),
}

INDICATORS: dict[str, Indicator] = {
    code.value: Indicator(code.value, code.label, *_RULES[code.value])
    for code in IndicatorCode
}

#: The disclaimer shown wherever indicators are (ACT Ai's wording).
DISCLAIMER = _(
    "These are risk indicators for a closer look only; they do not mean that "
    "anything wrong has happened."
)

_AMOUNTS = frozenset(
    {"amount", "limit", "reference", "budget", "total", "year_total", "bid"}
    | {"lowest", "highest", "others"}
)
_DATES = frozenset({"first", "last"})


def _shown(key: str, value):
    if key in _AMOUNTS:
        try:
            return f"{Decimal(value):,.2f}"
        except (InvalidOperation, TypeError):
            return value
    if key in _DATES:
        try:
            day = datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return value
        return thai_dates.format_date(day, style="medium")
    return value


def indicator_message(code: str, params: dict) -> str:
    """The sentence of one indicator, in the active language."""
    indicator = INDICATORS.get(code)
    if indicator is None:
        return code
    values = {key: _shown(key, value) for key, value in params.items()}
    try:
        return str(indicator.message) % values
    except (KeyError, TypeError, ValueError):
        return str(indicator.label)
