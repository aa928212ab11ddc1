"""Shared parts of the write benchmarks: gunicorn, a Celery worker, clients.

The servers run as in production (``deploy/gunicorn.conf.py``, PostgreSQL,
Redis as cache and broker, a Celery worker taking the tasks after the
response) on loopback. Clients are threads with one keep-alive connection
each (``http.client``: the lighter the client, the more of the two cores is
left for the server). Every figure is printed next to its anchor, measured in
the same run at the same concurrency: a static file served by the same
gunicorn (WhiteNoise), so a reader can tell the machine's state from the
code's cost.
"""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
STATIC_ANCHOR = "/static/css/prongsai.css"


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` if it does not exist."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def server_environment(
    *, database_url: str, redis_db: int, port: int
) -> dict[str, str]:
    """The environment of the bench servers: production settings on loopback."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": database_url,
        "DJANGO_CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "EMAIL_URL": "dummymail://",
        "DJANGO_LOG_LEVEL": "WARNING",
        # The clients say which citizen they are, as nginx would.
        "PRONGSAI_TRUSTED_PROXY_COUNT": "1",
        "PRONGSAI_BASE_URL": f"http://127.0.0.1:{port}",
    }


@dataclass
class Servers:
    """gunicorn (``deploy/gunicorn.conf.py``) and one Celery worker."""

    env: dict[str, str]
    port: int
    workers: int | None = None
    threads: int | None = None
    processes: list[subprocess.Popen] = field(default_factory=list)

    def __enter__(self) -> Servers:
        command = [
            str(BIN / "gunicorn"),
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
        ]
        if self.workers:
            command += ["--workers", str(self.workers)]
        if self.threads:
            command += ["--threads", str(self.threads)]
        quiet = {"stdout": subprocess.DEVNULL, "cwd": ROOT, "env": self.env}
        self.processes.append(subprocess.Popen(command, **quiet))
        self.processes.append(
            subprocess.Popen(
                [
                    str(BIN / "celery"),
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
                **quiet,
            )
        )
        self._wait()
        return self

    def _wait(self, seconds: float = 60) -> None:
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", STATIC_ANCHOR)
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()


def connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def timed(conn: http.client.HTTPConnection, method: str, path: str, **kwargs):
    """One request; (status, milliseconds, response headers)."""
    started = time.perf_counter()
    conn.request(method, path, **kwargs)
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    return response.status, elapsed, response


@dataclass
class Result:
    latencies: list[float]
    failures: dict[int, int]
    seconds: float

    @property
    def count(self) -> int:
        return len(self.latencies)

    def line(self, label: str) -> str:
        if not self.latencies:
            return f"{label}: no successful request; failures {self.failures}"
        ordered = sorted(self.latencies)
        q = statistics.quantiles(ordered, n=100) if len(ordered) > 1 else ordered * 99
        failures = sum(self.failures.values())
        return (
            f"{label}: {self.count} in {self.seconds:.1f} s "
            f"({self.count / self.seconds:.0f}/s), median {q[49]:.1f} ms, "
            f"p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, max {ordered[-1]:.1f} ms"
            + (f", failures {failures} {self.failures}" if failures else "")
        )

    @property
    def median(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p99(self) -> float:
        return statistics.quantiles(sorted(self.latencies), n=100)[98]


def run_clients(
    clients: int,
    work: Callable[[int], list[tuple[int, float]]],
) -> Result:
    """Run ``work(number)`` in ``clients`` threads at once.

    ``work`` returns ``(status, milliseconds)`` pairs of the requests it made;
    a 2xx/3xx counts as a success.
    """
    outcomes: list[tuple[int, float]] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def thread(number: int) -> None:
        start.wait()
        done = work(number)
        with lock:
            outcomes.extend(done)

    threads = [threading.Thread(target=thread, args=(n,)) for n in range(clients)]
    for item in threads:
        item.start()
    start.wait()
    began = time.perf_counter()
    for item in threads:
        item.join()
    seconds = time.perf_counter() - began
    failures: dict[int, int] = {}
    latencies = []
    for status, ms in outcomes:
        if status < 400:
            latencies.append(ms)
        else:
            failures[status] = failures.get(status, 0) + 1
    return Result(latencies, failures, seconds)


def for_seconds(seconds: float) -> Callable[[], bool]:
    stop = time.perf_counter() + seconds
    return lambda: time.perf_counter() < stop


def static_anchor(port: int, clients: int, seconds: float) -> Result:
    """A static file from the same gunicorn at the same concurrency."""
    more = for_seconds(seconds)

    def work(_number):
        conn = connection(port)
        done = []
        while more():
            status, ms, _response = timed(conn, "GET", STATIC_ANCHOR)
            done.append((status, ms))
        return done

    return run_clients(clients, work)


def load_line() -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"machine load average (1, 5, 15 min): {load} on {os.cpu_count()} cores"
