"""LINE webhook deliveries at once: acknowledgement latency and exactly-once.

    .venv/bin/python bench/line_webhook.py [--clients 20] [--events 1000]
        [--workers N] [--threads N] [--port 8104]

gunicorn with ``deploy/gunicorn.conf.py`` and one Celery worker on loopback,
against a PostgreSQL database of its own, Redis as cache and broker
(database BENCH_REDIS_DB, default 14). ``--clients`` connections post
``--events`` correctly signed LINE events with Thai text at the same time
(as LINE does when many citizens write at once), then 50 of them again as
redeliveries. Prints median/p95/p99 of the time to the 200 answer (issue
#21: p99 < 100 ms at 20 concurrent deliveries) next to two anchors measured
in the same run at the same concurrency: a static file from the same
gunicorn, and a raw request (a delivery with a wrong signature, answered 403
after the channel look-up). Then checks that every event was stored once and
processed once (``attempts == 1``), after the answer, by the worker. No
request goes to LINE: the bench organisation has a channel secret but no
access token, so nothing is sent.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _httpload import (
    BIN,
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

DB_NAME = "prongsai_complaints_bench"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
)
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "14"))
SECRET = "bench-channel-secret-0123456789abcdef"
SLUG = "benchorg"
PATH = f"/api/line/{SLUG}/webhook"
WARM = 40


SETUP = f"""
from prongsai.complaints.models import Case, ChatSession, InboundEvent
from prongsai.organizations.services_channels import channel_settings_update
from prongsai.organizations.models import Organization
org = Organization.objects.filter(slug="{SLUG}").first() or Organization.objects.create(
    slug="{SLUG}", name="องค์การบริหารส่วนตำบลทดสอบโหลด", kind="sao",
    dla_code="9999999", province="ขอนแก่น", district="เมือง")
InboundEvent.objects.filter(organization=org).delete()
ChatSession.objects.filter(organization=org).delete()
Case.objects.filter(organization=org).delete()
channel_settings_update(actor=None, organization=org,
    line_channel_secret="{SECRET}", clear=["line_access_token"])
"""


def body_for(n: int) -> bytes:
    event = {
        "type": "message",
        "mode": "active",
        "timestamp": 1764547200000 + n,
        "webhookEventId": f"01BENCH{n:019d}",
        "deliveryContext": {"isRedelivery": False},
        "source": {"type": "user", "userId": f"U{n:032x}"},
        "replyToken": f"reply-{n}",
        "message": {"type": "text", "id": str(n), "text": "ไฟถนนหน้าวัดดับ ขอให้ซ่อมด้วย"},
    }
    return json.dumps(
        {"destination": "U" + "0" * 32, "events": [event]}, ensure_ascii=False
    ).encode("utf-8")


def sign(body: bytes) -> str:
    return base64.b64encode(
        hmac.new(SECRET.encode(), body, hashlib.sha256).digest()
    ).decode()


def headers_for(body: bytes, signature: str | None = None) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-Line-Signature": signature if signature is not None else sign(body),
    }


def deliveries(port: int, clients: int, numbers: list[int]):
    """``clients`` connections posting the events ``numbers`` between them."""
    lock = threading.Lock()
    queue = iter(numbers)

    def work(_client: int):
        conn = connection(port)
        done = []
        while True:
            with lock:
                n = next(queue, None)
            if n is None:
                return done
            body = body_for(n)
            status, ms, _response = timed(
                conn, "POST", PATH, body=body, headers=headers_for(body)
            )
            done.append((status, ms))

    return run_clients(clients, work)


def rejected(port: int, clients: int, seconds: float):
    """The raw-request anchor: deliveries with a wrong signature (403)."""
    more = for_seconds(seconds)
    body = body_for(0)

    def work(_client: int):
        conn = connection(port)
        done = []
        while more():
            status, ms, _response = timed(
                conn, "POST", PATH, body=body, headers=headers_for(body, "AAAA")
            )
            done.append((200 if status == 403 else 500, ms))
        return done

    return run_clients(clients, work)


def counts() -> tuple[int, int, int, int]:
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        row = conn.execute(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE processed_at IS NOT NULL),
                   count(*) FILTER (WHERE attempts > 1),
                   (SELECT count(*) FROM complaints_chatsession s
                      JOIN organizations_organization o ON o.id = s.organization_id
                     WHERE o.slug = %s)
              FROM complaints_inboundevent e
              JOIN organizations_organization o ON o.id = e.organization_id
             WHERE o.slug = %s
            """,
            [SLUG, SLUG],
        ).fetchone()
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--workers", type=int, help="default: deploy/gunicorn.conf.py")
    parser.add_argument("--threads", type=int, help="default: deploy/gunicorn.conf.py")
    args = parser.parse_args()
    ensure_database(DATABASE_URL)
    env = server_environment(
        database_url=DATABASE_URL, redis_db=REDIS_DB, port=args.port
    )
    subprocess.run(
        [BIN / "prongsai", "migrate", "--noinput", "-v", "0"], env=env, check=True
    )
    subprocess.run([BIN / "prongsai", "shell", "-c", SETUP], env=env, check=True)
    with Servers(env, args.port, args.workers, args.threads):
        deliveries(args.port, args.clients, list(range(10_000_000, 10_000_000 + WARM)))
        anchor = static_anchor(args.port, args.clients, 8)
        raw = rejected(args.port, args.clients, 8)
        result = deliveries(args.port, args.clients, list(range(args.events)))
        again = deliveries(
            args.port,
            args.clients,
            list(range(0, args.events, max(1, args.events // 50))),
        )
        total = args.events + WARM
        deadline = time.time() + 300
        while time.time() < deadline:
            stored, processed, repeated, sessions = counts()
            if processed >= total:
                break
            time.sleep(0.5)
    print(f"LINE webhook, {args.clients} concurrent deliveries, PostgreSQL, gunicorn")
    print(anchor.line("  anchor: static file"))
    print(raw.line("  anchor: raw request (wrong signature, 403)"))
    print(result.line("  delivery (POST -> 200)"))
    print(again.line("  redelivery (POST -> 200)"))
    met = bool(result.latencies) and result.p99 < 100
    print(f"  goal: p99 < 100 ms -> {'met' if met else 'NOT met'}")
    ok = (
        stored == total
        and processed == total
        and repeated == 0
        and sessions == total
        and not result.failures
        and not again.failures
    )
    print(
        f"  check: stored {stored}/{total}, processed {processed}/{total}, processed "
        f"more than once {repeated}, chat sessions {sessions} -> "
        + ("exactly once" if ok else "NOT exactly once")
    )
    print("  " + load_line())
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
