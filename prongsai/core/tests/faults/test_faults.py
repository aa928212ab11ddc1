"""Proof under faults: gunicorn, a Celery worker, PostgreSQL and Redis on
loopback, all private to this module (``harness.Stack``), and citizens filing
complaints and E-Service requests over real HTTP while a web worker is
killed, Redis is stopped and PostgreSQL is restarted.

What must hold (issue #21): every submission answered with a tracking code
is in the database exactly once and complete; without Redis the forms still
answer and their e-mails go out once Redis is back, each exactly once; after
PostgreSQL comes back the same web processes serve again.
"""

from __future__ import annotations

import collections
import itertools
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .harness import wait_until
from .seed import ORGANIZATION, SERVICE
from .visitor import Answer, Visitor

pytestmark = pytest.mark.server

_addresses = itertools.count(10)


def visitor(stack) -> Visitor:
    """A new visitor, with an address of its own (the forms' limits are per address)."""
    return Visitor(stack.base_url, f"198.51.100.{next(_addresses)}")


def records(stack) -> dict[str, list]:
    """Tracking code -> rows, for complaints and E-Service requests."""
    rows = stack.postgres.query(
        "SELECT tracking_code, id, 'case' FROM complaints_case "
        "UNION ALL SELECT tracking_code, id, 'request' FROM eservices_servicerequest"
    )
    found = collections.defaultdict(list)
    for code, pk, kind in rows:
        found[code].append((kind, pk))
    return found


def incomplete(stack) -> list:
    """Records without the history line or audit row written with them."""
    return stack.postgres.query(
        """
        SELECT 'case', c.id FROM complaints_case c
        WHERE NOT EXISTS (SELECT 1 FROM complaints_caseentry e
                          WHERE e.case_id = c.id AND e.type = 'received')
           OR NOT EXISTS (SELECT 1 FROM core_auditevent a
                          WHERE a.action = 'case.submit' AND a.object_id = c.id::text)
        UNION ALL
        SELECT 'request', r.id FROM eservices_servicerequest r
        WHERE NOT EXISTS (SELECT 1 FROM eservices_requestevent e
                          WHERE e.request_id = r.id AND e.kind = 'filed')
           OR NOT EXISTS (SELECT 1 FROM core_auditevent a
                          WHERE a.action = 'eservice_request.file'
                            AND a.object_id = r.id::text)
        """
    )


def test_kill_9_of_a_web_worker_during_a_burst_loses_and_doubles_nothing(stack):
    """Four citizens file 4 forms each; a gunicorn worker is killed with
    SIGKILL twice during the burst. Every answered code is stored exactly
    once, with its history line and audit row; the master replaces the
    killed workers."""
    before = set(records(stack))
    answered: list[str] = []
    failed: list[str] = []
    lock = threading.Lock()
    started = threading.Event()

    def citizen(number: int) -> None:
        person = visitor(stack)
        for round_ in range(4):
            marker = f"burst-{number}-{round_}"
            try:
                if round_ % 2:
                    code = person.request(marker)
                else:
                    code = person.complaint(marker, category=stack.category)
            except (OSError, Answer) as error:  # the worker died under us
                with lock:
                    failed.append(f"{marker}: {error!r}")
                continue
            with lock:
                answered.append(code)
            started.set()

    killed = []
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(citizen, n) for n in range(4)]
        assert started.wait(60), stack.logs()
        for _ in range(2):
            time.sleep(0.4)
            killed.append(stack.kill_web_worker())
        for future in futures:
            future.result()

    stored = records(stack)
    new = {code: rows for code, rows in stored.items() if code not in before}
    assert len(answered) >= 8, (failed, stack.logs())
    assert sorted(answered) == sorted(set(answered))  # no code handed out twice
    missing = [code for code in answered if code not in new]
    assert missing == [], missing
    assert all(len(rows) == 1 for rows in new.values()), new
    # Killed mid-request, a filing was either stored whole or not at all; it
    # may be stored without its answer having reached the citizen.
    assert len(new) - len(answered) <= len(failed)
    assert incomplete(stack) == []
    # The master replaced the killed workers and the site answers.
    wait_until(
        lambda: (
            len(stack.web_workers()) == 2 and not set(killed) & set(stack.web_workers())
        ),
        seconds=30,
        what="gunicorn to replace the killed workers",
    )
    assert visitor(stack).complaint("after-kill", category=stack.category)


def test_without_redis_forms_answer_and_their_mail_goes_out_when_it_is_back(stack):
    """Redis (broker and cache) stopped: complaints and E-Service requests
    are answered with their codes; the tasks wait in the outbox; once Redis
    is back the drain (every minute from beat) sends them and every e-mail
    goes out exactly once."""
    stack.redis.stop()
    person = visitor(stack)
    cases, requests = [], []
    started = time.monotonic()
    try:
        for n in range(3):
            cases.append(person.complaint(f"no-redis-{n}", category=stack.category))
            requests.append(
                person.request(f"no-redis-{n}", email=f"citizen{n}@faults.example")
            )
        elapsed = time.monotonic() - started
        waiting = stack.outbox_count()
    finally:
        stack.redis.start()
    assert elapsed < 30, f"six filings took {elapsed:.1f} s without Redis"
    assert waiting >= 6, stack.logs()
    stored = records(stack)
    assert all(len(stored[code]) == 1 for code in cases + requests)
    references = dict(
        stack.postgres.query(
            "SELECT tracking_code, reference FROM complaints_case "
            "WHERE tracking_code = ANY(%s)",
            (cases,),
        )
    )

    stack.manage("drain_task_outbox")  # what beat runs every minute

    def mails_about(texts: list[str]) -> dict[str, int]:
        subjects = [str(m["Subject"]) for m in stack.mails()]
        return {text: sum(text in s for s in subjects) for text in texts}

    expected = [references[code] for code in cases] + requests
    try:
        wait_until(
            lambda: all(mails_about(expected).values()),
            seconds=45,
            every=0.5,
            what="the e-mails of the outbox",
        )
    except AssertionError as error:
        raise AssertionError(f"{error}\n{stack.logs()[-6000:]}") from None
    time.sleep(2)  # a second delivery would come now
    assert stack.outbox_count() == 0
    assert mails_about(expected) == dict.fromkeys(expected, 1)
    to = collections.Counter(str(m["To"]) for m in stack.mails())
    assert {n: to[n] for n in to if n.startswith("citizen")} == {
        f"citizen{n}@faults.example": 1 for n in range(3)
    }, to


def test_a_redis_restart_keeps_the_tasks_waiting_in_its_queue(stack):
    """With the worker stopped, two filings' tasks wait in Redis's queue;
    Redis restarts (as ``deploy/compose.yaml`` runs it, with its append-only
    file); the worker starts again and both e-mails go out, once each."""
    import redis

    stack.stop_worker()
    person = visitor(stack)
    case = person.complaint("queued", category=stack.category)
    request = person.request("queued", email="queued@faults.example")
    queue = redis.Redis(port=stack.redis.port, db=0)
    waiting = [json.loads(m)["headers"]["task"] for m in queue.lrange("celery", 0, -1)]
    # The two filings' notices (their OIT readiness recomputes wait beside them).
    notices = [t for t in waiting if t != "prongsai.oit.tasks.oit_readiness_recompute"]
    assert len(notices) == 2, waiting
    assert stack.outbox_count() == 0
    ((reference,),) = stack.postgres.query(
        "SELECT reference FROM complaints_case WHERE tracking_code = %s", (case,)
    )
    stack.redis.stop()
    stack.redis.start()
    stack.start_worker()

    def subjects() -> list[str]:
        return [str(m["Subject"]) for m in stack.mails()]

    wait_until(
        lambda: (
            any(reference in s for s in subjects())
            and any(request in s for s in subjects())
        ),
        seconds=60,
        every=0.5,
        what="the e-mails of the tasks queued before the restart",
    )
    time.sleep(1)
    assert sum(reference in s for s in subjects()) == 1
    assert sum(request in s for s in subjects()) == 1


def test_after_a_postgresql_restart_the_same_web_processes_serve_again(stack):
    """PostgreSQL stopped: pages answer a Thai 503, /healthz says the database
    fails, and a task the worker takes meanwhile is tried again later instead
    of dropped. Started again: the same gunicorn workers serve every request
    (kept connections are tested before reuse), and the officer hears of the
    complaint filed just before the outage, once."""
    workers = set(stack.web_workers())
    person = visitor(stack)
    stack.stop_worker()
    case = person.complaint("before-outage", category=stack.category)
    ((reference,),) = stack.postgres.query(
        "SELECT reference FROM complaints_case WHERE tracking_code = %s", (case,)
    )
    stack.postgres.stop()
    try:
        stack.start_worker()
        status, headers, body = person.open(
            f"/{ORGANIZATION}/eservices/{SERVICE}/apply/"
        )
        assert status == 503, body[:500]
        assert "ฐานข้อมูล" in body, body[:500]
        assert headers["Retry-After"] == "30"
        status, _headers, body = person.open("/healthz")
        assert status == 503
        assert '"database": "fail"' in body
        wait_until(
            lambda: "case_notify_new" in stack.retries(),
            seconds=60,
            what="the worker to put off the task it could not run",
        )
    finally:
        stack.postgres.start()
    # Every thread's kept connection died with the server; each is tested
    # before reuse (CONN_HEALTH_CHECKS) and replaced, so no request fails.
    answers = [person.open("/healthz")[0] for _ in range(8)]
    assert answers == [200] * 8, answers
    assert visitor(stack).request("after-restart")
    assert visitor(stack).complaint("after-restart", category=stack.category)
    assert set(stack.web_workers()) == workers

    def subjects() -> list[str]:
        return [str(m["Subject"]) for m in stack.mails()]

    wait_until(
        lambda: any(reference in s for s in subjects()),
        seconds=60,
        every=0.5,
        what="the officer's e-mail of the complaint filed before the outage",
    )
    assert sum(reference in s for s in subjects()) == 1
