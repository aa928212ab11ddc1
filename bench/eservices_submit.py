"""Citizens filing E-Service requests through the public form, over gunicorn.

    .venv/bin/python bench/eservices_submit.py [--seconds 20] [--clients 16]
        [--workers N] [--threads N]

PostgreSQL (BENCH_DATABASE_URL, default a database of its own on 127.0.0.1),
Redis as cache and broker (BENCH_REDIS_DB, default 12) and one Celery worker,
gunicorn with ``deploy/gunicorn.conf.py`` on 127.0.0.1:8103, loopback HTTP
with keep-alive. Each client is one citizen's browser: it loads the form once
(CSRF cookie) and then posts complete requests for a bounded time, each from
its own address (X-Forwarded-For behind one trusted proxy, as nginx sends
it), so the per-address limit counts as it does for real citizens.

The anchor, measured in the same run at the same concurrency, is a static file
from the same gunicorn. Issue #21 asks for a filing median under 100 ms at 16
clients on the 2-core machine. Afterwards it checks that every filing
answered with a tracking code exists once, with a queue number of its own.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _eservices_setup import bench_site, database_url, django_setup
from _httpload import (
    Servers,
    connection,
    ensure_database,
    for_seconds,
    load_line,
    run_clients,
    server_environment,
    static_anchor,
    timed,
)

SLUG = "bench-submit"
PORT = int(os.environ.get("BENCH_PORT", "8103"))
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "12"))
TRACKING = re.compile(r"/track/([^/]+)/")


def _cookies(response, jar: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def filing_load(port: int, path: str, clients: int, seconds: float):
    """``clients`` citizens posting the form for ``seconds``; result and codes."""
    codes: list[str] = []
    more = for_seconds(seconds)

    def work(number: int):
        conn = connection(port)
        jar: dict[str, str] = {}
        status, _ms, response = timed(conn, "GET", path)
        _cookies(response, jar)
        done = []
        sent = 0
        while more():
            sent += 1
            body = urlencode(
                {
                    "csrfmiddlewaretoken": jar["csrftoken"],
                    "citizen_name": f"ผู้ทดสอบ {number}",
                    "citizen_phone": "0812345678",
                    "f_problem": "ไฟดับ",
                    "f_location__moo": "5",
                    "f_location__subdistrict": "บ้านดง",
                    "f_location__district": "อุบลรัตน์",
                    "f_location__province": "ขอนแก่น",
                    "privacy_accepted": "on",
                }
            )
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": _cookie_header(jar),
                "Referer": f"http://127.0.0.1:{port}{path}",
                "X-Forwarded-For": f"10.{number}.{sent // 250}.{sent % 250 + 1}",
            }
            status, ms, response = timed(conn, "POST", path, body=body, headers=headers)
            _cookies(response, jar)
            if status == 302:
                match = TRACKING.search(response.headers.get("Location", ""))
                codes.append(match.group(1) if match else "")
            done.append((status if status == 302 else max(status, 400), ms))
        return done

    return run_clients(clients, work), codes


def check_filings(codes: list[str]) -> str:
    from django.db.models import Count

    from prongsai.eservices.models import ServiceRequest

    filed = ServiceRequest.objects.all_organizations().filter(
        organization__slug=SLUG, tracking_code__in=codes
    )
    found = filed.count()
    repeated = (
        filed.values("service", "sequence")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    ok = found == len(codes) == len(set(codes)) and repeated == 0
    return (
        f"check: {len(codes)} tracking codes answered, {found} requests stored "
        f"with them, {repeated} repeated queue numbers -> {'ok' if ok else 'LOST'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, help="default: deploy/gunicorn.conf.py")
    parser.add_argument("--threads", type=int, help="default: deploy/gunicorn.conf.py")
    args = parser.parse_args()
    url = database_url()
    ensure_database(url)
    django_setup(url)
    _organization, _officer, service = bench_site(SLUG)
    env = server_environment(database_url=url, redis_db=REDIS_DB, port=PORT)
    path = f"/{SLUG}/eservices/{service.code}/apply/"
    with Servers(env, PORT, args.workers, args.threads):
        filing_load(PORT, path, args.clients, 3)  # warm every worker
        anchor = static_anchor(PORT, args.clients, min(args.seconds, 10))
        result, codes = filing_load(PORT, path, args.clients, args.seconds)
    print(f"E-Service filing, {args.clients} clients, PostgreSQL, gunicorn")
    print(anchor.line("  anchor: static file"))
    print(result.line("  filing (POST -> 302)"))
    if result.latencies:
        verdict = "met" if result.median < 100 else "NOT met"
        print(f"  goal: median < 100 ms -> {verdict}")
    print("  " + check_filings(codes))
    print("  " + load_line())


if __name__ == "__main__":
    main()
