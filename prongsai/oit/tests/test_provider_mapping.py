"""Which registered provider serves which OIT item, in 2568 and 2569.

Item codes and titles move between years, so providers serve the items'
stable ``key`` of the framework data. This test loads both frameworks and
pins the whole mapping: a new or changed key that catches a wrong item, or
misses one, fails here. It uses only the registry (the providers are
discovered from each app's oit_evidence.py).
"""

import pytest

from prongsai.ita.frameworks import load_framework
from prongsai.oit import registry

EXPECTED = {
    2568: {
        "O1": ["site.structure"],
        "O2": ["site.executives"],
        "O3": ["site.contacts"],
        "O4": ["site.news"],
        "O5": ["budget.development_plan"],
        "O8": ["eservices.staff_manuals"],
        "O6": ["budget.operation_plan"],
        "O7": ["budget.annual_report"],
        "O9": ["eservices.manuals"],
        "O10": ["eservices.online"],
        "O11": ["eservices.statistics"],
        "O12": ["procurement.table"],
        "O13": ["procurement.annual"],
        "O16": ["integrity.ethics"],
        "O14": ["integrity.hr_plan"],
        "O15": ["integrity.hr_report"],
        "O17": ["complaints.guideline"],
        "O18": ["complaints.channel"],
        "O19": ["complaints.statistics"],
        "O20": ["plans.participation"],
        "O21": ["plans.no_gift"],
        "O22": ["plans.gift_reports"],
        "O23": ["plans.risk_assessment"],
        "O24": ["plans.risk_report"],
        "O25": ["plans.anti_corruption"],
        "O26": ["plans.anti_corruption_report"],
        "O27": ["ita.analysis", "plans.integrity"],
    },
    2569: {
        "O1": ["site.structure"],
        "O2": ["site.executives"],
        "O3": ["site.contacts"],
        "O4": ["site.news"],
        "O5": ["budget.development_plan"],
        "O8": ["eservices.staff_manuals"],
        "O6": ["budget.operation_plan"],
        "O7": ["budget.annual_report"],
        "O9": ["eservices.manuals"],
        "O10": ["eservices.online"],
        "O15": ["integrity.ethics"],
        "O11": ["procurement.monthly"],
        "O12": ["procurement.annual"],
        "O13": ["integrity.hr_plan"],
        "O14": ["integrity.hr_report"],
        "O16": ["complaints.guideline"],
        "O17": ["complaints.channel"],
        "O18": ["complaints.statistics"],
        "O19": ["plans.participation"],
        "O20": ["plans.no_gift"],
        "O21": ["plans.risk_assessment"],
        "O22": ["plans.risk_report"],
        "O23": ["plans.anti_corruption"],
        "O24": ["plans.anti_corruption_report"],
        "O25": ["ita.analysis", "plans.integrity"],
        "O26": ["plans.integrity_report"],
    },
}


def _mapping(fiscal_year: int) -> dict[str, list[str]]:
    mapping = {}
    for item in load_framework(fiscal_year).oit_items:
        keys = [p.key for p in registry.providers_for(item_key=item.key)]
        if keys:
            mapping[item.code] = keys
    return mapping


@pytest.mark.parametrize("fiscal_year", [2568, 2569])
def test_each_provider_serves_exactly_its_items(fiscal_year):
    assert _mapping(fiscal_year) == EXPECTED[fiscal_year]


@pytest.mark.parametrize("fiscal_year", [2568, 2569])
def test_the_ita_analysis_stays_the_default_for_the_measures_item(fiscal_year):
    # New checklists take the first provider: the analysis report comes first
    # (the item starts with the analysis); the plans' measures are offered.
    code = EXPECTED[fiscal_year]
    (item,) = [c for c, keys in code.items() if "plans.integrity" in keys]
    assert _mapping(fiscal_year)[item][0] == "ita.analysis"


def test_every_registered_provider_serves_some_item():
    served = {
        key for year in EXPECTED.values() for keys in year.values() for key in keys
    }
    # site.laws serves the laws item of earlier frameworks (none in 2568/2569).
    assert {p.key for p in registry.provider_list()} - {"site.laws"} <= served
