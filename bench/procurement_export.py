"""Streaming speed and peak memory of the register CSV export.

    .venv/bin/python bench/procurement_export.py [--rows 1000000]

Streams every row (all organisations) through the same generator the
download view uses and prints rows per second and peak memory (RSS).
Target (issue #5): at least 50,000 rows/s and under 300 MB for 1,000,000 rows.

An anchor first writes the same cursor rows with a bare ``csv.writer`` (no
formula guard, no chunking), so the figure can be read against the speed of
the machine at the time (the CPU is shared).
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import time

from _procurement_data import ensure_rows, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--orgs", type=int, default=1000)
    args = parser.parse_args()
    setup_django()
    ensure_rows(args.rows, args.orgs)
    from prongsai.procurement import selectors
    from prongsai.procurement.exports import register_csv_stream
    from prongsai.procurement.models import Procurement

    started = time.perf_counter()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    anchor = 0
    for row in selectors.procurement_value_rows(
        Procurement.objects.all_organizations().order_by("procured_on", "id")
    ):
        writer.writerow(row)
        anchor += 1
        if anchor % 1000 == 0:
            buffer.seek(0)
            buffer.truncate()
    anchor_rate = anchor / (time.perf_counter() - started)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    size = 0
    lines = 0
    for chunk in register_csv_stream(Procurement.objects.all_organizations()):
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    elapsed = time.perf_counter() - started
    rows = lines - 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows streamed:  {rows:,}")
    print(f"bytes:          {size:,}")
    print(f"time:           {elapsed:.1f} s")
    print(f"rows/second:    {rows / elapsed:,.0f}")
    print(f"anchor (bare csv.writer): {anchor_rate:,.0f} rows/s")
    print(f"peak RSS:       {peak:.0f} MB (before streaming {before:.0f} MB)")


if __name__ == "__main__":
    main()
