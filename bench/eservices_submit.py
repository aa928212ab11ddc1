"""Citizens filing E-Service requests through the public form, over gunicorn.

    .venv/bin/python bench/eservices_submit.py [--seconds 20] [--clients 8]

PostgreSQL (BENCH_DATABASE_URL, default a database of its own on 127.0.0.1),
gunicorn on 127.0.0.1:8103, loopback HTTP with keep-alive. Each client loads
the form once (CSRF cookie) and then posts complete requests for a bounded
time. The issue asks for at least 50 requests/s with a median under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _eservices_setup import (
    ROOT,
    bench_site,
    database_url,
    django_setup,
    ensure_database,
)

SLUG = "bench-submit"
PORT = int(os.environ.get("BENCH_PORT", "8103"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    url = database_url()
    ensure_database(url)
    django_setup(url)
    _organization, _officer, service = bench_site(SLUG)
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_CONN_MAX_AGE": "60",
        "EMAIL_URL": "dummymail://",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{PORT}"
    form_url = f"{base}/{SLUG}/eservices/{service.code}/apply/"
    try:
        for _ in range(120):
            try:
                requests.get(form_url, timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.5)
        latencies: list[float] = []
        failures: list[int] = []
        lock = threading.Lock()
        stop_at = time.perf_counter() + args.seconds

        def client(number: int) -> None:
            session = requests.Session()
            session.get(form_url, timeout=10)
            token = session.cookies["csrftoken"]
            data = {
                "csrfmiddlewaretoken": token,
                "citizen_name": f"ผู้ทดสอบ {number}",
                "citizen_phone": "0812345678",
                "f_problem": "ไฟดับ",
                "f_location__moo": "5",
                "f_location__subdistrict": "บ้านดง",
                "f_location__district": "อุบลรัตน์",
                "f_location__province": "ขอนแก่น",
                "privacy_accepted": "on",
            }
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                response = session.post(
                    form_url,
                    data=data,
                    headers={"Referer": form_url},
                    allow_redirects=False,
                    timeout=10,
                )
                elapsed = time.perf_counter() - started
                with lock:
                    if response.status_code == 302:
                        latencies.append(elapsed)
                    else:
                        failures.append(response.status_code)

        threads = [
            threading.Thread(target=client, args=(n,)) for n in range(args.clients)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(60)
    ok = len(latencies)
    print(f"filed requests: {ok} in {duration:.1f} s, failures: {len(failures)}")
    print(f"throughput: {ok / duration:.1f} requests/s (target >= 50)")
    if latencies:
        median = statistics.median(latencies) * 1000
        p95 = sorted(latencies)[int(0.95 * (ok - 1))] * 1000
        print(
            f"latency: median {median:.1f} ms, p95 {p95:.1f} ms (target median < 100)"
        )


if __name__ == "__main__":
    main()
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"machine load average (1, 5, 15 min): {load} on {os.cpu_count()} cores")
