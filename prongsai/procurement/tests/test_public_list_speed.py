"""The public register's list and search cost the same for 5 records as for
40 (issue #16): a capped count, the years read one index probe at a time,
the search as a correlated EXISTS; pagination and the year list as before."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.procurement import paging, selectors
from prongsai.procurement.models import NoProcurementMonth, ProcurementSettings
from prongsai.procurement.services_indicators import indicators_refresh_all

from .factories import ProcurementFactory, SupplierFactory

pytestmark = pytest.mark.django_db

TH = {"HTTP_ACCEPT_LANGUAGE": "th"}


def list_url(organization) -> str:
    return reverse("procurement-public:list", kwargs={"org": organization.slug})


def make_records(organization, count: int, *, start=datetime.date(2024, 10, 1)):
    supplier = SupplierFactory(organization=organization)
    return [
        ProcurementFactory(
            organization=organization,
            supplier=supplier,
            procured_on=start + datetime.timedelta(days=9 * n),
            fiscal_year=2568
            if start + datetime.timedelta(days=9 * n) < datetime.date(2025, 10, 1)
            else 2569,
            title=f"โครงการก่อสร้างถนน สายที่ {n}",
        )
        for n in range(count)
    ]


def queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **TH)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_list_and_search_issue_the_same_queries_at_5_and_40_rows(client):
    counts = {}
    for rows in (5, 40):
        organization = OrganizationFactory()
        ProcurementSettings.objects.create(
            organization=organization, public_indicators=True
        )
        make_records(organization, rows)
        indicators_refresh_all(organization=organization)
        base = list_url(organization)
        pages = [
            base,
            base + "?q=ถนน",
            base + "?indicator=near_limit",
            base + "?year=2568",
            base + "?year=2568&month=11",
            base + "?page=2",
        ]
        client.get(base, **TH)  # the site's own cached settings, once
        counts[rows] = [len(queries(client, page)) for page in pages]
    assert counts[5] == counts[40], counts


def test_pagination_first_next_last_and_out_of_range(client, organization):
    make_records(organization, 65)
    base = list_url(organization)
    first = client.get(base, **TH)
    page = first.context["page"]
    assert page.number == 1 and len(page.object_list) == 30
    assert page.paginator.count == 65 and page.paginator.num_pages == 3
    body = first.content.decode()
    assert "?page=2" in body and "?page=3" in body  # next and last page links
    assert "65" in body
    second = client.get(base + "?page=2", **TH).context["page"]
    assert second.number == 2 and len(second.object_list) == 30
    assert second.object_list[0].procured_on < page.object_list[-1].procured_on
    last = client.get(base + "?page=3", **TH).context["page"]
    assert len(last.object_list) == 5
    seen = {p.pk for p in page} | {p.pk for p in second} | {p.pk for p in last}
    assert len(seen) == 65
    # As before: a page out of range or not a number is the last or first page.
    assert client.get(base + "?page=99", **TH).context["page"].number == 3
    assert client.get(base + "?page=abc", **TH).context["page"].number == 1
    assert client.get(base + "?page=" + "9" * 40, **TH).context["page"].number == 3


def test_a_large_register_is_counted_only_up_to_the_cap(
    client, organization, monkeypatch
):
    monkeypatch.setattr(paging, "COUNT_CAP", 40)
    make_records(organization, 75)
    base = list_url(organization)
    first = client.get(base, **TH)
    page = first.context["page"]
    assert not page.paginator.count_is_exact and page.has_next()
    body = first.content.decode()
    assert "มากกว่า 40" in body  # "more than 40 procurements"
    assert "?page=2" in body and "?page=3" not in body  # no last page link
    # A deeper page counts as far as it needs: the last page is exact.
    last = client.get(base + "?page=3", **TH).context["page"]
    assert last.paginator.count_is_exact and last.paginator.count == 75
    assert len(last.object_list) == 15 and not last.has_next()
    assert client.get(base + "?page=50", **TH).context["page"].number == 3


def test_year_list_shows_every_year_with_records(client, organization):
    for day in (
        datetime.date(2022, 11, 1),  # fiscal year 2566
        datetime.date(2024, 10, 5),  # 2568
        datetime.date(2025, 10, 5),  # 2569
        datetime.date(2025, 12, 5),  # 2569
    ):
        fiscal = day.year + 544 if day.month >= 10 else day.year + 543
        ProcurementFactory(
            organization=organization, procured_on=day, fiscal_year=fiscal
        )
    NoProcurementMonth.objects.create(
        organization=organization, month=datetime.date(2021, 11, 1)
    )  # 2565: a "no procurement" month only
    ProcurementFactory(fiscal_year=2560, procured_on=datetime.date(2016, 11, 1))
    assert selectors.record_years(organization=organization) == [2569, 2568, 2566]
    assert selectors.procurement_years(organization=organization) == [
        2569,
        2568,
        2566,
        2565,
    ]
    form = client.get(list_url(organization), **TH).context["form"]
    assert [value for value, _label in form.fields["year"].choices][1:] == [
        "2569",
        "2568",
        "2566",
        "2565",
    ]
    assert selectors.record_years(organization=OrganizationFactory()) == []


def test_month_of_a_year_and_search_stay_in_the_organisation(client, organization):
    november_2024 = ProcurementFactory(
        organization=organization,
        procured_on=datetime.date(2024, 11, 3),
        fiscal_year=2568,
        title="ซ่อมถนนลูกรัง",
    )
    ProcurementFactory(
        organization=organization,
        procured_on=datetime.date(2025, 11, 3),
        fiscal_year=2569,
        title="ซ่อมถนนคอนกรีต",
    )
    ProcurementFactory(title="ซ่อมถนนลูกรัง")  # another organisation
    base = list_url(organization)
    page = client.get(base + "?year=2568&month=11", **TH).context["page"]
    assert [p.pk for p in page] == [november_2024.pk]
    found = client.get(base + "?q=ลูกรัง", **TH).context["page"]
    assert [p.pk for p in found] == [november_2024.pk]
    assert client.get(base + "?q=ถนน", **TH).context["page"].paginator.count == 2
