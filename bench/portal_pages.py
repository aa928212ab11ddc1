"""Benchmark: the public home page and the ITA/OIT page under gunicorn.

Issue #8 asks for at least 300 requests/s with a median under 30 ms for each
page on a 2-core machine (gunicorn, PostgreSQL, loopback, bounded run).
Run from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres):

    .venv/bin/python bench/portal_pages.py [SECONDS] [CLIENT_THREADS] [PORT]

Creates the database ``prongsai_bench_portal`` (dropped at the end), loads
the demo, starts gunicorn with two workers on the port (default 8107),
requests each page from client threads for SECONDS and prints throughput
and latency. The client runs on the same two cores, so the figures are a
lower bound.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "prongsai_bench_portal"
PG = "postgres://postgres@127.0.0.1:5432"
PATHS = ["/bandong/", "/bandong/oit/"]


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG + "/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _env(port: int) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DJANGO_DEBUG="false",
        EMAIL_URL="dummymail://",
        # As in production: the page cache lives in Redis, shared by the workers.
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        DATABASE_URL=f"{PG}/{DB}",
        DJANGO_MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        PRONGSAI_BASE_URL=f"http://127.0.0.1:{port}",
    )
    return env


def _hammer(url: str, seconds: float, threads: int) -> tuple[int, list[float], int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def run():
        mine, bad = [], 0
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                    response.read()
                    if response.status != 200:
                        bad += 1
            except OSError:
                bad += 1
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(latencies), latencies, errors[0]


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 8107
    env = _env(port)
    _admin(f"DROP DATABASE IF EXISTS {DB}")
    _admin(f"CREATE DATABASE {DB}")
    server = None
    try:
        prongsai = str(ROOT / ".venv" / "bin" / "prongsai")
        subprocess.run([prongsai, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [prongsai, "load_demo"],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "config.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + PATHS[0], timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        for path in PATHS:
            _hammer(base + path, 1, threads)  # warm-up
            count, latencies, errors = _hammer(base + path, seconds, threads)
            rate = count / seconds
            median = statistics.median(latencies) * 1000
            p95 = sorted(latencies)[int(len(latencies) * 0.95)] * 1000
            verdict = "PASS" if rate >= 300 and median < 30 else "FAIL"
            print(
                f"{path:<16} {rate:7.0f} req/s  median {median:5.1f} ms  "
                f"p95 {p95:5.1f} ms  errors {errors}  "
                f"(target >= 300 req/s, median < 30 ms) {verdict}"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        _admin(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
