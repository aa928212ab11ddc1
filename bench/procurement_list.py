"""Median time of the public procurement list page with many rows.

    .venv/bin/python bench/procurement_list.py [--rows 1000000] [--orgs 1000]

Prints the median and 95th percentile of the first page, a year filter, a
Thai word search and a later page, requested through Django's test client.
Target (issue #5): median under 200 ms with 1,000,000 rows.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _procurement_data import ensure_rows, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.test import Client

    orgs = ensure_rows(args.rows, args.orgs)
    client = Client()
    org = orgs[len(orgs) // 2]
    cases = {
        "first page": "",
        "year 2567": "?year=2567",
        "search ถนน": "?q=ถนน",
        "page 5": "?page=5",
    }
    for label, query in cases.items():
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(f"/{org.slug}/procurement/{query}")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        times.sort()
        print(
            f"{label:12s} median {statistics.median(times):6.1f} ms  "
            f"p95 {times[int(len(times) * 0.95) - 1]:6.1f} ms"
        )
    from prongsai.procurement.models import Procurement

    print(f"rows in database: {Procurement.objects.count():,}")


if __name__ == "__main__":
    main()
