"""Streaming speed and peak memory of the register CSV export.

    .venv/bin/python bench/procurement_export.py [--rows 1000000]

Streams every row (all organisations) through the same generator the
download view uses and prints rows per second and peak memory (RSS).
Target (issue #5): at least 50,000 rows/s and under 300 MB for 1,000,000 rows.
"""

from __future__ import annotations

import argparse
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
    from prongsai.procurement.exports import register_csv_stream
    from prongsai.procurement.models import Procurement

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    size = 0
    lines = 0
    for chunk in register_csv_stream(Procurement.objects.all()):
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    elapsed = time.perf_counter() - started
    rows = lines - 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows streamed:  {rows:,}")
    print(f"bytes:          {size:,}")
    print(f"time:           {elapsed:.1f} s")
    print(f"rows/second:    {rows / elapsed:,.0f}")
    print(f"peak RSS:       {peak:.0f} MB (before streaming {before:.0f} MB)")


if __name__ == "__main__":
    main()
