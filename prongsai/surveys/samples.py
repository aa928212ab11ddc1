"""What a survey tells about one ITA indicator: the hand-off to the prediction.

``surveys.selectors.indicator_samples`` builds these from the organisation's
pulse surveys; ``surveys.prediction`` turns them into a predicted ITA. Scores
are on the ITA's 0-100 scale, computed exactly as the ITA scores indicators
1-8 (``shared/domain/ita.md`` §1.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class IndicatorSample:
    """One indicator's survey estimate.

    ``score`` is the mean over respondents of each respondent's indicator
    score (0-100); ``stdev`` the sample standard deviation of those
    per-respondent scores; ``respondents`` how many answered at least one of
    the indicator's items. A sample under the minimum group size is never
    built: the selector leaves the indicator out.
    """

    indicator: int
    score: Decimal
    respondents: int
    stdev: Decimal
