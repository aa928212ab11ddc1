"""Peak memory and time of the streamed register CSV, each case in a fresh
process (issue #16).

    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_speed \\
        .venv/bin/python bench/procurement_csv_memory.py [--org bench16-50000]

Run ``bench/procurement_indicators.py`` first (it builds the rows). Each case
starts a new Python process, sets Django up, notes the peak RSS
(``ru_maxrss``) after ``django.setup()`` (and, for the view, after one
request for an empty year, which loads the URLs, views and catalogues) and
then streams:

- ``view``: every fiscal year of ``--org`` through the real download view
  (``/<org>/procurement/download/register-csv/?year=...``, the test client,
  ``streaming_content`` consumed chunk by chunk);
- ``table``: the whole table (every organisation) through
  ``exports.register_csv_stream``, the generator behind that view;
- ``anchor``: a bare ``csv.writer`` over the same columns of the whole table
  read with a server-side cursor (the floor: no status, labels or bidders).

and prints the peak RSS before and after, the rows and the time.
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import subprocess
import sys
import time

from _procurement_data import ROOT


def setup_django() -> None:
    """Django without ``migrate`` (which alone takes ~70 MB): a web worker's
    start. ``bench/procurement_indicators.py`` has migrated the database."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if "TEST_DATABASE_URL" not in os.environ:
        sys.exit("set TEST_DATABASE_URL to the database the pages benchmark built")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _view(org_slug: str) -> tuple[int, int]:
    from django.test import Client

    from prongsai.organizations.models import Organization
    from prongsai.procurement import selectors

    organization = Organization.objects.get(slug=org_slug)
    client = Client()
    size = lines = 0
    for year in selectors.record_years(organization=organization):
        response = client.get(
            f"/{org_slug}/procurement/download/register-csv/?year={year}"
        )
        assert response.status_code == 200 and response.streaming, response
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\r\n")
        lines -= 1  # each year's header
    return lines, size


def _table() -> tuple[int, int]:
    from prongsai.procurement.exports import register_csv_stream
    from prongsai.procurement.models import Procurement

    size = lines = 0
    for chunk in register_csv_stream(Procurement.objects.all_organizations()):
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    return lines - 1, size


def _anchor() -> tuple[int, int]:
    from django.db import connection

    from prongsai.procurement.models import Procurement
    from prongsai.procurement.selectors import _VALUE_FIELDS

    queryset = (
        Procurement.objects.all_organizations()
        .order_by("procured_on", "id")
        .values_list(*_VALUE_FIELDS)
    )
    sql, params = queryset.query.sql_with_params()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = size = 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(2_000):  # as the export reads
            writer.writerows(chunk)
            lines += len(chunk)
            size += len(buffer.getvalue().encode())
            buffer.seek(0)
            buffer.truncate()
    return lines, size


def child(case: str, org: str) -> None:
    setup_django()
    if case == "view":  # imports, URLs and catalogues first: an empty year
        from django.test import Client

        response = Client().get(f"/{org}/procurement/download/register-csv/?year=2500")
        b"".join(response.streaming_content)
    before = _rss()
    started = time.perf_counter()
    lines, size = {"view": lambda: _view(org), "table": _table, "anchor": _anchor}[
        case
    ]()
    elapsed = time.perf_counter() - started
    print(
        f"{case:>6}: {lines:>9,} rows, {size / 1e6:6.0f} MB in {elapsed:6.1f} s "
        f"({lines / max(elapsed, 1e-9):>8,.0f} rows/s); peak RSS {before:4.0f} MB "
        f"before, {_rss():4.0f} MB after",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--org", default="bench16-50000")
    parser.add_argument("--cases", default="view,table,anchor")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.org)
        return
    for case in args.cases.split(","):
        subprocess.run(
            [sys.executable, __file__, "--child", case, "--org", args.org],
            check=True,
        )


if __name__ == "__main__":
    main()
