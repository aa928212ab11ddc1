"""Benchmark: cached and uncached public pages against a static file.

Issue #21 asks, measured in the same run as the anchor:

- cached home and ITA/OIT pages at >= 50 % of the rate of a static file
  served by the same server (a hit is answered by
  ``prongsai.core.pagecache.PageCacheMiddleware`` before the session);
- the uncached ITA/OIT page under 15 ms CPU (and its query count).

Run from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres;
Redis on 127.0.0.1:6379; ``wrk`` installed: ``apt-get install -y wrk``)::

    .venv/bin/python bench/public_cache.py [SECONDS] [ROUNDS] [PORT]

Creates the database ``prongsai_bench_pagecache`` and loads the demo (dropped
at the end), or uses an existing demo database given as
``BENCH_DATABASE_URL`` (left as it is). Serves it with gunicorn, 4 workers x
2 threads as in ``deploy/gunicorn.conf.py`` on a small machine, with the page
cache in Redis (database ``BENCH_REDIS_DB``, default 11, only the page cache's
keys are written); loads each address with ``wrk`` (2 threads, 16
connections) for SECONDS (default 10), ROUNDS times (default 3) in turn, and
prints each rate and the median. The uncached ITA/OIT page is then timed in
one process (``time.process_time``, cache off) with its query count, next to
the uncached home page. The client shares the machine's cores with the
server: read the rates against the static file of the same round.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "prongsai_bench_pagecache"
PG = "postgres://postgres@127.0.0.1:5432"
ORG = "bandong"
STATIC = "/static/css/prongsai.css"
PAGES = {"home": f"/{ORG}/", "ITA/OIT": f"/{ORG}/oit/"}
RUNS = 30


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG + "/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _env(port: int, database: str) -> dict:
    env = dict(os.environ)
    redis_db = os.environ.get("BENCH_REDIS_DB", "11")
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DJANGO_DEBUG="false",
        EMAIL_URL="dummymail://",
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_db}",
        DATABASE_URL=database,
        DJANGO_MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        PRONGSAI_BASE_URL=f"http://127.0.0.1:{port}",
        PUBLIC_PAGE_CACHE_SECONDS="600",
        PYTHONPATH=str(ROOT),
    )
    return env


def _server_cpu(master: int) -> float:
    """CPU seconds (user + system) used so far by gunicorn's workers: on a
    busy shared machine, CPU per request is steadier than requests/s."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _wrk(url: str, seconds: float) -> tuple[float, int]:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds:g}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rate, int(re.search(r"(\d+) requests in", out).group(1))


def _check_hit(url: str) -> None:
    for _ in range(2):
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            response.read()
            state = response.headers.get("X-Page-Cache")
    if state != "hit":
        raise SystemExit(f"{url} is not served from the page cache ({state})")


def _serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            "4",
            "--threads",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{STATIC}", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def _rates(
    base: str, seconds: float, rounds: int, master: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Requests/s and server CPU ms per request of each address, by round."""
    names = {"static": STATIC, **PAGES}
    rates: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for path in PAGES.values():
        _check_hit(base + path)
    for _ in range(rounds):
        for name, path in names.items():
            before = _server_cpu(master)
            rate, count = _wrk(base + path, seconds)
            rates[name].append(rate)
            cpu[name].append((_server_cpu(master) - before) * 1000 / max(count, 1))
    return rates, cpu


def _report(rates: dict[str, list[float]], cpu: dict[str, list[float]]) -> None:
    static = statistics.median(rates["static"])
    static_cpu = statistics.median(cpu["static"])
    print(
        f"static file   {static:7.0f} req/s  server CPU {static_cpu:.3f} ms/request  "
        f"(rounds {', '.join(f'{r:.0f}' for r in rates['static'])})"
    )
    for name in PAGES:
        rate = statistics.median(rates[name])
        page_cpu = statistics.median(cpu[name])
        shares = [
            f"{r / s:.0%}" for r, s in zip(rates[name], rates["static"], strict=True)
        ]
        verdict = "PASS" if rate >= static / 2 else "FAIL"
        print(
            f"cached {name:<7}{rate:7.0f} req/s  = {rate / static:4.0%} of static "
            f"(rounds {', '.join(shares)}; target >= 50 %) {verdict}\n"
            f"               server CPU {page_cpu:.3f} ms/request = static's "
            f"{static_cpu / page_cpu:.0%} (the rate it allows when CPU-bound)"
        )


def uncached() -> None:
    """In a process of its own (the settings above, cache off): CPU and
    queries of one uncached request of each page."""
    os.environ["PUBLIC_PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for name, path in PAGES.items():
        assert client.get(path).status_code == 200  # warm up
        cpu = []
        for _ in range(RUNS):
            began = time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            cpu.append((time.process_time() - began) * 1000)
            assert response.status_code == 200 and "X-Page-Cache" not in response
        target = "  (target < 15 ms)" if name == "ITA/OIT" else "  (anchor)"
        print(
            f"uncached {name:<8} CPU median {statistics.median(cpu):5.1f} ms  "
            f"min {min(cpu):5.1f} ms  queries {len(queries)}{target}"
        )


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 8108
    given = os.environ.get("BENCH_DATABASE_URL", "")
    env = _env(port, given or f"{PG}/{DB}")
    prongsai = [str(ROOT / ".venv" / "bin" / "python"), "-m", "django"]
    if not given:
        _admin(f"DROP DATABASE IF EXISTS {DB}")
        _admin(f"CREATE DATABASE {DB}")
    server = None
    try:
        if not given:
            subprocess.run([*prongsai, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
            subprocess.run(
                [*prongsai, "load_demo"],
                env={**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"},
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
        server = _serve(env, port)
        _report(*_rates(f"http://127.0.0.1:{port}", seconds, rounds, server.pid))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
    try:
        subprocess.run(
            [sys.executable, __file__, "--uncached"],
            env=env,
            check=True,
            cwd=ROOT,
        )
    finally:
        if not given:
            _admin(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    if sys.argv[1:] == ["--uncached"]:
        uncached()
    else:
        main()
