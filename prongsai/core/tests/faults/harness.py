"""Private servers for the fault tests: PostgreSQL, Redis, gunicorn, Celery.

Every server here is the test's own, on a free loopback port, with its data
in a temporary directory, so a test may kill or restart it without touching
the PostgreSQL and Redis other work on the machine uses. The web and worker
processes run the production settings (``config.settings.base`` through
``prongsai.core.tests.faults.settings``) with a real broker; e-mail goes to
files in a directory, one file per message.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from email import message_from_bytes, policy
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]


def _pg_bin() -> Path:
    """PRONGSAI_PG_BIN, else the newest Debian PostgreSQL (its tools are off PATH)."""
    if given := os.environ.get("PRONGSAI_PG_BIN"):
        return Path(given)
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    return versions[-1] if versions else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
SEED = "prongsai.core.tests.faults.seed"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, process=None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{process.args[:3]} stopped before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on port {port} in {seconds} s")


def wait_until(condition, *, seconds: float, every: float = 0.2, what: str = ""):
    """Poll ``condition()`` until it returns something true; return that."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(every)


def pg_tool(name: str) -> str | None:
    path = PG_BIN / name
    if path.exists():
        return str(path)
    return shutil.which(name)


def missing_tools() -> str | None:
    """Why the fault tests cannot run here, or ``None``."""
    for tool in ("initdb", "pg_ctl"):
        if pg_tool(tool) is None:
            return f"{tool} not found (apt-get install postgresql) for the fault tests"
    if shutil.which("redis-server") is None:
        return "redis-server not found (apt-get install redis-server)"
    for module in ("gunicorn", "celery", "psycopg"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e '.[dev]')"
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user: initdb refuses root"
        if shutil.which("runuser") is None:
            return "running as root without runuser: initdb refuses root"
    return None


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie nobody reaps does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _stop(process: subprocess.Popen, *, seconds: float = 15, sig=signal.SIGTERM):
    """Send ``sig`` (unless ``None``: already sent), wait, then kill."""
    if process.poll() is not None:
        return
    if sig is not None:
        process.send_signal(sig)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Postgres:
    """A throw-away PostgreSQL cluster (as user ``postgres`` when run as root)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="prongsai-faults-pg-"))
        self.port = free_port()
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/prongsai"

    def _run(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - fixed arguments
            [*self.as_user, *args],
            check=True,
            timeout=120,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def create(self) -> None:
        self._run(
            pg_tool("initdb") or "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--no-locale",
            "-E",
            "UTF8",
        )
        self.start()
        import psycopg

        with psycopg.connect(self.url.replace("/prongsai", "/postgres")) as conn:
            conn.autocommit = True
            conn.execute("CREATE DATABASE prongsai")

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
            "-c max_connections=60"
        )
        self._run(
            pg_tool("pg_ctl") or "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(
            pg_tool("pg_ctl") or "pg_ctl",
            "-D",
            str(self.data),
            "-m",
            mode,
            "-w",
            "stop",
        )

    def connect(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def query(self, sql: str, params=()) -> list[tuple]:
        with self.connect() as conn:
            return conn.execute(sql, params).fetchall()

    def destroy(self) -> None:
        """Immediate shutdown (SIGQUIT to the postmaster), then delete it all."""
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGQUIT)
            with contextlib.suppress(AssertionError):
                wait_until(
                    lambda: not _running(pid),
                    seconds=3,
                    every=0.05,
                )
        shutil.rmtree(self.root, ignore_errors=True)


class Redis:
    """A Redis server configured as ``deploy/compose.yaml`` runs it: no
    snapshots, an append-only file synced every second, so a restart keeps
    the queued tasks."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.root = root
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--dir",
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process, seconds=15)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


class Stack:
    """PostgreSQL, Redis, gunicorn and one Celery worker, with the site's data."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.mail = root / "mail"
        self.mail.mkdir()
        self.postgres = Postgres()
        self.redis = Redis(root)
        self.web_port = free_port()
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "DJANGO_SETTINGS_MODULE": "prongsai.core.tests.faults.settings",
            "DJANGO_READ_DOT_ENV_FILE": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_BEHIND_TLS_PROXY": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_MEDIA_ROOT": str(root / "media"),
            "DJANGO_STATIC_ROOT": str(root / "static"),
            "PRONGSAI_PRIVATE_MEDIA_ROOT": str(root / "private"),
            "PRONGSAI_FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(48),
            # As behind nginx: each test client is its own visitor (the
            # public forms' limits count per address).
            "PRONGSAI_TRUSTED_PROXY_COUNT": "1",
            "PRONGSAI_BASE_URL": f"http://127.0.0.1:{self.web_port}",
            "DATABASE_URL": self.postgres.url,
            "CELERY_BROKER_URL": self.redis.url(0),
            "REDIS_URL": self.redis.url(1),
            "PRONGSAI_FAULTS_MAIL_DIR": str(self.mail),
            "PUBLIC_PAGE_CACHE_SECONDS": "0",
        }
        for name in ("TEST_DATABASE_URL", "CELERY_RESULT_BACKEND"):
            self.env.pop(name, None)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def manage(self, *args: str, timeout: float = 120) -> str:
        return self.run_python("-m", "prongsai.cli", *args, timeout=timeout)

    def run_python(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, *args],
            cwd=REPO,
            env=self.env,
            check=False,
            timeout=timeout,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise AssertionError(f"{args} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare(self) -> None:
        self.postgres.create()
        self.redis.start()
        self.category = int(self.run_python("-m", SEED).split()[-1])

    # --- web -------------------------------------------------------------------
    def start_web(self, *, workers: int = 2, threads: int = 2) -> None:
        self.web = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(REPO / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--access-logfile",
                str(self.root / "access.log"),
                "--no-control-socket",
                # Workers fork from a master that has loaded the site, so a
                # killed one is replaced at once (not after a cold start).
                "--preload",
                "--error-logfile",
                str(self.root / "web.log"),
            ],
            cwd=REPO,
            env=self.env,
        )
        wait_for_port(self.web_port, process=self.web, seconds=60)
        wait_until(
            lambda: len(self.web_workers()) >= workers,
            seconds=60,
            what="gunicorn workers",
        )

    def web_workers(self) -> list[int]:
        """The process ids of gunicorn's workers (children of its master)."""
        assert self.web is not None
        path = Path(f"/proc/{self.web.pid}/task/{self.web.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def kill_web_worker(self) -> int:
        pid = self.web_workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    # --- worker ----------------------------------------------------------------
    def start_worker(self) -> None:
        with (self.root / "worker.log").open("ab") as log:
            self.worker = self._popen_worker(log)

    def _popen_worker(self, log) -> subprocess.Popen:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def stop_worker(self, *, cold: bool = False) -> None:
        """Warm shutdown (finish the task at hand) or cold (SIGQUIT)."""
        if self.worker is not None:
            if cold:
                _stop(self.worker, sig=signal.SIGQUIT, seconds=5)
            else:
                _stop(self.worker, seconds=30)
            self.worker = None

    # --- what happened ---------------------------------------------------------
    def mails(self) -> list:
        """Every e-mail sent, parsed (the file backend writes one per message)."""
        messages = []
        for path in sorted(self.mail.iterdir()):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(
                        message_from_bytes(chunk.strip(), policy=policy.default)
                    )
        return messages

    def retries(self) -> str:
        """The worker's log lines of tasks put off to a later try."""
        path = self.root / "worker.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return "\n".join(
            line for line in text.splitlines() if "retry: Retry in" in line
        )

    def outbox_count(self) -> int:
        return self.postgres.query("SELECT count(*) FROM core_outboxtask")[0][0]

    def logs(self) -> str:
        parts = []
        for name in ("web.log", "worker.log"):
            path = self.root / name
            if path.exists():
                parts.append(f"--- {name}\n" + path.read_text(errors="replace")[-4000:])
        return "\n".join(parts)

    def close(self) -> None:
        # Nothing is in flight: gunicorn's graceful stop is the quickest here;
        # SIGQUIT: the worker's cold one. Both at once, then wait.
        for process, sig in ((self.web, signal.SIGTERM), (self.worker, signal.SIGQUIT)):
            if process is not None and process.poll() is None:
                process.send_signal(sig)
        for process in (self.web, self.worker):
            if process is not None:
                _stop(process, sig=None, seconds=3)
        self.worker = None
        self.redis.stop()
        self.postgres.destroy()
