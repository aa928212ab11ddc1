"""Public procurement pages of one organisation inside a large table, and the
streamed register CSV (issue #16).

    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_flags \\
        .venv/bin/python bench/procurement_indicators.py [--rows 1000000] \\
        [--sizes 1000,10000,50000] [--repeat 15] [--no-csv] [--no-pages]

Builds (once; SQL ``generate_series``) a register of ``--rows`` procurements:
one organisation per size in ``--sizes`` (with bids, search entries and
stored risk indicators, shown to the public) and the rest spread over 200
other organisations. Then prints the median of the public list, a Thai word
search, an indicator filter and a detail page of each organisation, next to
an anchor (a static file served by the same client in the same run), and the
time and peak memory (RSS growth, and tracemalloc) of streaming the whole
register as CSV through the download's generator, next to a bare
``csv.writer`` over the same cursor rows. Last, the cost of one officer's
write (``procurement_update`` of one record's price, with the refresh of the
stored indicators it causes, eager tasks) in each organisation, next to a
full recomputation of that record's fiscal year.
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import statistics
import sys
import time
import tracemalloc

from _procurement_data import setup_django

OTHERS = 200
TITLES = [
    "จัดซื้อวัสดุสำนักงาน",
    "จ้างเหมาซ่อมแซมรถบรรทุกน้ำ",
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
    "จัดซื้ออาหารเสริม (นม) โรงเรียน",
    "จ้างเหมาบริการทำความสะอาดอาคาร",
]


def _org(slug: str, n: int):
    from prongsai.organizations.models import Organization

    return Organization.objects.get_or_create(
        slug=slug,
        defaults={
            "kind": "sao",
            "name": f"องค์การบริหารส่วนตำบลทดสอบ {n}",
            "dla_code": f"{8000000 + n}",
            "province": "ขอนแก่น",
            "district": "เมือง",
        },
    )[0]


def _insert(cursor, org_ids: list[int], count: int, supplier_ids: list[int]) -> None:
    """``count`` rows spread over ``org_ids`` (round robin), dates over four
    fiscal years, amounts 1,000-900,000, titles from ``TITLES``."""
    titles = "ARRAY[" + ",".join(f"'{t}'" for t in TITLES) + "]"
    orgs = "ARRAY[" + ",".join(map(str, org_ids)) + "]"
    suppliers = "ARRAY[" + ",".join(map(str, supplier_ids or [0])) + "]"
    supplier = (
        f"({suppliers})[1 + (g % {len(supplier_ids)})]" if supplier_ids else "NULL"
    )
    cursor.execute(
        f"""
        INSERT INTO procurement_procurement (organization_id, fiscal_year,
          procured_on, budget_plan, budget_work, budget_category, expense_type,
          budget_line, fund_source, title, procurement_type, method, legal_ground,
          budget_amount, reference_price, egp_project_number, supplier_id,
          agreed_price, selection_reason, contract_number, contract_date,
          contract_end, cancelled, import_key, sources, created_at, updated_at)
        SELECT o, CASE WHEN extract(month FROM d) >= 10
                       THEN extract(year FROM d)::int + 544
                       ELSE extract(year FROM d)::int + 543 END,
          d, '', '', 'operating', '', '', 'ordinance',
          ({titles})[1 + (g % 5)], 'purchase',
          CASE WHEN g % 10 = 0 THEN 'e_bidding' ELSE 'specific' END, '',
          a, CASE WHEN g % 10 = 0 THEN a * 1.02 END, '', {supplier},
          a, '', '', d, d + 15, false, '', '{{}}', now(), now()
        FROM (SELECT g, ({orgs})[1 + (g % {len(org_ids)})] AS o,
                     DATE '2022-10-01' + (g * 7919 % 1461)::int AS d,
                     (1000 + (g * 104729 % 899000))::numeric AS a
              FROM generate_series(1::bigint, {count}) AS g) s
        """  # noqa: S608 - numbers and fixed titles only
    )


def _index_and_bids(cursor, org_id: int, supplier_ids: list[int]) -> None:
    from prongsai.core.thai_words import index_text

    for title in TITLES:
        cursor.execute(
            "INSERT INTO search_searchentry (organization_id, kind, object_id, "
            "title, summary, url, date, public_from, title_words, body_words, "
            "created_at, updated_at) SELECT p.organization_id, 'procurement', "
            "CAST(p.id AS text), p.title, '', '/x/procurement/' || p.id || '/', "
            "p.procured_on, NULL, %s, '', now(), now() FROM procurement_procurement p "
            "WHERE p.organization_id = %s AND p.title = %s",
            [index_text(title), org_id, title],
        )
    # Three bids on each e-bidding record: the winner and two dearer ones.
    for offset, (supplier, factor) in enumerate(
        zip(supplier_ids[:3], ("1.00", "1.004", "1.008"), strict=True)
    ):
        cursor.execute(
            "INSERT INTO procurement_bid (procurement_id, supplier_id, price, "  # noqa: S608
            f"created_at, updated_at) SELECT id, {supplier}, agreed_price * {factor}, "
            "now(), now() FROM procurement_procurement WHERE organization_id = %s "
            f"AND method = 'e_bidding' AND supplier_id <> {supplier} OR "
            f"(organization_id = %s AND method = 'e_bidding' AND {offset} = 0)",
            [org_id, org_id],
        )


def build(total: int, sizes: list[int]) -> list:
    from django.db import connection, transaction

    from prongsai.procurement.models import Procurement, ProcurementSettings, Supplier
    from prongsai.procurement.services_indicators import indicators_refresh_all

    targets = [_org(f"bench16-{size}", n) for n, size in enumerate(sizes)]
    if Procurement.objects.all_organizations().count() >= total:
        return targets
    started = time.perf_counter()
    others = [_org(f"bench16-other-{n}", 100 + n) for n in range(OTHERS)]
    with transaction.atomic(), connection.cursor() as cursor:
        for org, size in zip(targets, sizes, strict=True):
            suppliers = [
                Supplier.objects.get_or_create(organization=org, name=f"ร้านทดสอบ {i}")[
                    0
                ].pk
                for i in range(5)
            ]
            _insert(cursor, [org.pk], size, suppliers)
            _index_and_bids(cursor, org.pk, suppliers)
            ProcurementSettings.objects.update_or_create(
                organization=org, defaults={"public_indicators": True}
            )
        rest = total - sum(sizes)
        step = 200_000
        for done in range(0, rest, step):
            _insert(cursor, [o.pk for o in others], min(step, rest - done), [])
            print(f"  {done + min(step, rest - done):,} other rows", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built {total:,} rows in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    for org, size in zip(targets, sizes, strict=True):
        started = time.perf_counter()
        years = indicators_refresh_all(organization=org)
        print(
            f"indicators of {size:,} rows ({len(years)} years): "
            f"{sum(y.indicator_total for y in years):,} in "
            f"{time.perf_counter() - started:.1f} s"
        )
    return targets


def _median(client, path: str, repeat: int) -> float:
    client.get(path)  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times)


def pages(targets, sizes, repeat: int) -> None:
    from django.test import Client

    from prongsai.procurement.models import Procurement

    client = Client()
    anchor = _median(client, "/static/css/prongsai.css", repeat)
    print(f"anchor (static file): median {anchor:6.1f} ms")
    for org, size in zip(targets, sizes, strict=True):
        base = f"/{org.slug}/procurement/"
        newest = Procurement.objects.filter(organization=org).order_by("-id").first()
        cases = {
            "list": base,
            "search ถนน": base + "?q=ถนน",
            "indicator": base + "?indicator=near_limit",
            "page 50": base + "?page=50",
            "detail": f"{base}{newest.pk}/",
        }
        figures = "  ".join(
            f"{label} {_median(client, path, repeat):6.1f}"
            for label, path in cases.items()
        )
        print(f"{size:>6,} rows: {figures} ms (medians; anchor {anchor:.1f})")


def csv_export(trace: bool) -> None:
    from prongsai.procurement import selectors
    from prongsai.procurement.exports import register_csv_stream
    from prongsai.procurement.models import Procurement

    queryset = Procurement.objects.all_organizations().order_by("procured_on", "id")
    started = time.perf_counter()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for n, row in enumerate(selectors.procurement_value_rows(queryset), 1):
        writer.writerow(row)
        if n % 1000 == 0:
            buffer.seek(0)
            buffer.truncate()
    anchor = time.perf_counter() - started
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if trace:  # slows Python down several times
        tracemalloc.start()
    started = time.perf_counter()
    size = lines = 0
    for chunk in register_csv_stream(Procurement.objects.all_organizations()):
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory() if trace else (0, 0)
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"CSV: {lines - 1:,} rows, {size / 1e6:,.0f} MB in {elapsed:.1f} s "
        f"({(lines - 1) / elapsed:,.0f} rows/s); bare csv.writer {anchor:.1f} s; "
        f"Python peak (tracemalloc) {peak / 1e6:.1f} MB; process peak RSS "
        f"{rss:.0f} MB (before streaming {rss_before:.0f} MB)"
    )


def writes(targets, sizes, repeat: int) -> None:
    """Median time of one price change (service + indicator refresh) and of
    a full refresh of the same fiscal year."""

    from prongsai.procurement.models import Procurement
    from prongsai.procurement.services import procurement_update
    from prongsai.procurement.services_indicators import indicators_refresh

    for org, size in zip(targets, sizes, strict=True):
        record = (
            Procurement.objects.filter(organization=org, method="specific")
            .order_by("-procured_on", "-id")
            .first()
        )
        year_size = Procurement.objects.filter(
            organization=org, fiscal_year=record.fiscal_year
        ).count()
        original = record.agreed_price
        times = []
        for n in range(repeat + 1):
            started = time.perf_counter()
            procurement_update(
                actor=None, procurement=record, agreed_price=original + n % 2 + 1
            )
            times.append((time.perf_counter() - started) * 1000)
        procurement_update(actor=None, procurement=record, agreed_price=original)
        full = []
        for _ in range(max(3, repeat // 5)):
            started = time.perf_counter()
            indicators_refresh(organization=org, fiscal_year=record.fiscal_year)
            full.append((time.perf_counter() - started) * 1000)
        print(
            f"{size:>6,} rows ({year_size:,} in the year): one write "
            f"{statistics.median(times[1:]):7.1f} ms; full year refresh "
            f"{statistics.median(full):7.1f} ms (medians)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-csv", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--no-writes", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    setup_django()
    from django.db import connection

    print(f"database: {connection.vendor}", file=sys.stderr)
    targets = build(args.rows, sizes)
    if not args.no_pages:
        pages(targets, sizes, args.repeat)
    if not args.no_csv:
        csv_export(args.tracemalloc)
    if not args.no_writes:
        writes(targets, sizes, args.repeat)


if __name__ == "__main__":
    main()
