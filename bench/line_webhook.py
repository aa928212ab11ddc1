"""LINE webhook burst: acknowledgement latency and exactly-once processing.

    .venv/bin/python bench/line_webhook.py [--events 500] [--port 8104]

Starts gunicorn (2 workers) and one Celery worker on loopback against a
PostgreSQL database of its own and Redis as the broker, posts ``--events``
correctly signed LINE events with Thai text one after another, then re-posts
50 of them as redeliveries. Prints p50/p95/p99/max of the time to the 200
answer (target: p99 < 100 ms) and checks that every event was stored once and
processed once (``attempts == 1``). No request goes to LINE: the bench
organisation has a channel secret but no access token, so nothing is sent.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DB_NAME = "prongsai_complaints_bench"
SECRET = "bench-channel-secret-0123456789abcdef"
SLUG = "benchorg"


def environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/14",
            "REDIS_URL": "",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_READ_DOT_ENV_FILE": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PRONGSAI_BASE_URL": f"http://127.0.0.1:{port}",
        }
    )
    return env


def create_database() -> None:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


SETUP = f"""
from prongsai.complaints.models import Case, ChatSession, InboundEvent
from prongsai.complaints.services_settings import complaint_settings_update
from prongsai.organizations.models import Organization
org = Organization.objects.filter(slug="{SLUG}").first() or Organization.objects.create(
    slug="{SLUG}", name="องค์การบริหารส่วนตำบลทดสอบโหลด", kind="sao",
    dla_code="9999999", province="ขอนแก่น", district="เมือง")
InboundEvent.objects.filter(organization=org).delete()
ChatSession.objects.filter(organization=org).delete()
Case.objects.filter(organization=org).delete()
complaint_settings_update(actor=None, organization=org,
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


def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, float]:
    start = time.perf_counter()
    conn.request(
        "POST",
        f"/api/line/{SLUG}/webhook",
        body=body,
        headers={"Content-Type": "application/json", "X-Line-Signature": sign(body)},
    )
    response = conn.getresponse()
    response.read()
    return response.status, (time.perf_counter() - start) * 1000


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def counts() -> tuple[int, int, int, int]:
    import psycopg

    with psycopg.connect(
        f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}", autocommit=True
    ) as conn:
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
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--port", type=int, default=8104)
    args = parser.parse_args()
    env = environment(args.port)
    create_database()
    import redis

    redis.Redis.from_url(env["CELERY_BROKER_URL"]).flushdb()
    subprocess.run(
        [BIN / "prongsai", "migrate", "--noinput", "-v", "0"], env=env, check=True
    )
    subprocess.run([BIN / "prongsai", "shell", "-c", SETUP], env=env, check=True)
    processes = [
        subprocess.Popen(
            [
                BIN / "gunicorn",
                "config.wsgi:application",
                "-b",
                f"127.0.0.1:{args.port}",
                "-w",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        ),
        subprocess.Popen(
            [
                BIN / "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            cwd=ROOT,
        ),
    ]
    try:
        wait_for(args.port)
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
        warm = 10
        for n in range(warm):
            post(conn, body_for(10_000_000 + n))
        latencies = []
        errors = 0
        started = time.perf_counter()
        for n in range(args.events):
            status, ms = post(conn, body_for(n))
            errors += status != 200
            latencies.append(ms)
        burst = time.perf_counter() - started
        redelivered = 0
        for n in range(0, args.events, max(1, args.events // 50)):
            status, _ms = post(conn, body_for(n))
            redelivered += status == 200
        total = args.events + warm
        deadline = time.time() + 120
        while time.time() < deadline:
            stored, processed, repeated, sessions = counts()
            if processed >= total:
                break
            time.sleep(0.5)
        latencies.sort()
        q = statistics.quantiles(latencies, n=100)
        print(f"events posted: {args.events} (+{warm} warm-up) in {burst:.1f} s")
        print(
            f"ack latency ms: p50 {q[49]:.1f}  p95 {q[94]:.1f}  p99 {q[98]:.1f}  "
            f"max {latencies[-1]:.1f}  (target p99 < 100)"
        )
        print(f"non-200 answers: {errors}; redeliveries answered 200: {redelivered}")
        print(
            f"stored {stored}/{total}, processed {processed}/{total}, processed more "
            f"than once {repeated}, chat sessions {sessions}"
        )
        ok = (
            stored == total
            and processed == total
            and repeated == 0
            and sessions == total
            and errors == 0
        )
        print("exactly once:", "yes" if ok else "NO")
        if q[98] >= 100 or not ok:
            sys.exit(1)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
