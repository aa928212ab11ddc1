import pytest

from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.procurement.demo import load_procurement_demo
from prongsai.procurement.models import NoProcurementMonth, Procurement
from prongsai.procurement.selectors import procurement_years
from prongsai.procurement.selectors_indicators import year_flags

pytestmark = pytest.mark.django_db


def test_demo_records_cover_years_methods_and_risk_indicators():
    organization = OrganizationFactory(slug="bandong")
    load_procurement_demo([organization])
    years = procurement_years(organization=organization)
    assert len(years) >= 3
    methods = set(
        Procurement.objects.filter(organization=organization).values_list(
            "method", flat=True
        )
    )
    assert {"specific", "e_bidding"} <= methods
    assert NoProcurementMonth.objects.filter(organization=organization).exists()
    kinds = {
        f.kind for f in year_flags(organization=organization, fiscal_year=years[1])
    }
    assert {"split", "split_item", "near_limit", "reference_above_budget"} <= kinds
    count = Procurement.objects.count()
    load_procurement_demo([organization])  # idempotent
    assert Procurement.objects.count() == count
