"""The worked example of the ITA issue, shared by the ITA tests.

FY2564 indicators 1-10; by hand IIT 89.90, EIT 89.20, OIT 69.15, total 81.39 (B).
"""

from prongsai.ita.demo import RESULTS

EXAMPLE_SCORES = [
    "93.1",
    "88.0",
    "91.0",
    "87.9",
    "89.5",
    "90.5",
    "88.6",
    "88.5",
    "72.8",
    "65.5",
]
EXAMPLE_INDICATORS = dict(zip(range(1, 11), EXAMPLE_SCORES, strict=True))

# Ban Dong's demo results (prongsai.ita.demo): weak in indicator 4 and in the
# OIT (9, 10).
BANDONG_2567 = RESULTS["bandong"][2567]
BANDONG_2568 = RESULTS["bandong"][2568]
