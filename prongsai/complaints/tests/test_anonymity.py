"""Whistleblower anonymity: no referrer from the reporting pages, and access
logs (gunicorn with ``deploy/gunicorn.conf.py``, nginx with
``deploy/nginx.conf``) that cannot identify a reporter."""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from prongsai.complaints import services_intake
from prongsai.complaints.models import Case, Kind

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"


# --- Referrer-Policy on the confidential pages ----------------------------------
@pytest.mark.django_db
class TestNoReferrer:
    def test_report_pages_send_no_referrer(self, client, organization):
        """Form, receipt, follow-up, guideline and tracking pages: no-referrer."""
        base = f"/{organization.slug}/complaints/"
        receipt = client.post(
            base + "report/", {"mode": "anonymous", "description": "x"}
        )
        assert 'id="receipt-code"' in receipt.content.decode()
        case = services_intake.case_submit(
            organization=organization,
            kind=Kind.COMPLAINT,
            channel="web",
            subject="ถนนพัง",
            description="หลุมใหญ่",
        )
        responses = [
            client.get(base + "report/"),
            receipt,
            client.get(base + "report/follow-up/"),
            client.post(base + "report/follow-up/", {"receipt_code": "1" * 16}),
            client.get(base + "report/guideline/"),
            client.get(base + "track/"),
            client.get(base + f"track/{case.tracking_code}/"),
        ]
        for response in responses:
            assert response.status_code == 200
            assert response["Referrer-Policy"] == "no-referrer"

    def test_other_public_pages_keep_the_site_policy(self, client, organization):
        """Only the confidential and tracking pages change the site default."""
        response = client.get(f"/{organization.slug}/complaints/")
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
class TestCsrfWithoutReferrer:
    """A browser posts from a no-referrer page with ``Origin: null`` and no
    Referer; the cookie and token still decide."""

    def _form(self, organization):
        client = Client(enforce_csrf_checks=True)
        url = f"/{organization.slug}/complaints/report/"
        html = client.get(url, secure=True).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        return client, url, token

    def test_null_origin_and_no_referer_are_accepted_with_the_token(self, organization):
        client, url, token = self._form(organization)
        response = client.post(
            url,
            {"mode": "anonymous", "description": "รับเงินใต้โต๊ะ"},
            secure=True,
            HTTP_ORIGIN="null",
            HTTP_X_CSRFTOKEN=token,
        )
        assert response.status_code == 200
        assert Case.objects.filter(kind=Kind.CORRUPTION).count() == 1

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_ORIGIN": "null"},  # no token
            {"HTTP_ORIGIN": "https://evil.example", "token": True},
            {"HTTP_REFERER": "https://evil.example/x", "token": True},
        ],
    )
    def test_missing_token_or_foreign_origin_is_refused(self, organization, headers):
        client, url, token = self._form(organization)
        headers = dict(headers)
        if headers.pop("token", False):
            headers["HTTP_X_CSRFTOKEN"] = token
        response = client.post(
            url,
            {"mode": "anonymous", "description": "รับเงินใต้โต๊ะ"},
            secure=True,
            **headers,
        )
        assert response.status_code == 403
        assert not Case.objects.filter(kind=Kind.CORRUPTION).exists()

    def test_follow_up_accepts_null_origin(self, organization):
        client = Client(enforce_csrf_checks=True)
        url = f"/{organization.slug}/complaints/report/follow-up/"
        html = client.get(url, secure=True).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        response = client.post(
            url,
            {"receipt_code": "1234 5678 9012 3456", "csrfmiddlewaretoken": token},
            secure=True,
            HTTP_ORIGIN="null",
        )
        assert response.status_code == 200


# --- gunicorn with the shipped configuration -------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("gunicorn stopped before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not answer in time")


@pytest.mark.server
def test_gunicorn_access_log_holds_no_client_address_agent_or_referer(tmp_path):
    """A confidential report through real gunicorn with the shipped config:
    the access log has the request line, not who sent it."""
    pytest.importorskip("gunicorn", reason="gunicorn is not installed")
    env = {
        **os.environ,
        # The schema from the models: the migrations are tested elsewhere.
        "DJANGO_SETTINGS_MODULE": "prongsai.core.tests.server_settings",
        "TEST_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONPATH": str(REPO),
    }
    manage = [sys.executable, "-m", "prongsai.cli"]
    subprocess.run(  # noqa: S603 - fixed arguments
        [*manage, "migrate", "--run-syncdb", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=300,
    )
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            *manage,
            "shell",
            "-c",
            "from prongsai.organizations.tests.factories import OrganizationFactory;"
            "OrganizationFactory(slug='anon')",
        ],
        cwd=REPO,
        env=env,
        check=True,
        timeout=120,
    )
    port = _free_port()
    access_log = tmp_path / "access.log"
    error_log = tmp_path / "error.log"
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(DEPLOY / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "1",
            "--access-logfile",
            str(access_log),
            "--error-logfile",
            str(error_log),
        ],
        cwd=REPO,
        env=env,
    )
    address = "203.0.113.57"
    agent = "Mozilla/5.0 (WhistlePhone-Q7Z; Android 14)"
    referer = "https://news.example/leak-story-8841"
    try:
        _wait_for(port, process)
        url = f"http://127.0.0.1:{port}/anon/complaints/report/"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        headers = {
            "User-Agent": agent,
            "Referer": referer,
            "X-Forwarded-For": address,
        }
        with opener.open(urllib.request.Request(url, headers=headers)) as response:
            html = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "mode": "anonymous",
                "description": "ปลัดเรียกรับเงินค่าใบอนุญาต",
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - http on 127.0.0.1
            url + "?from=whistle-campaign", data=body, headers=headers
        )
        with opener.open(request) as response:
            assert response.status == 200
            assert 'id="receipt-code"' in response.read().decode()
            assert response.headers["Referrer-Policy"] == "no-referrer"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log = access_log.read_text()
    assert '"POST /anon/complaints/report/ HTTP/1.1" 200' in log, log
    assert '"GET /anon/complaints/report/ HTTP/1.1" 200' in log, log
    for value in (address, "127.0.0.1", agent, "WhistlePhone", referer, "leak-story"):
        assert value not in log, value
    assert "whistle-campaign" not in log  # no query string
    assert address not in error_log.read_text()


def test_access_logger_hides_tracking_codes_and_identifying_atoms():
    """Every identifying atom is "-", whatever format an operator writes."""
    pytest.importorskip("gunicorn", reason="gunicorn is not installed")
    from prongsai.core import accesslog

    assert (
        accesslog.public_path("/bandong/complaints/track/AB12CD34/")
        == "/bandong/complaints/track/…/"
    )
    atoms = accesslog.anonymous_atoms(
        {
            "h": "203.0.113.1",
            "a": "UA",
            "f": "ref",
            "u": "bob",
            "q": "code=1",
            "{user-agent}i": "UA",
            "{x-forwarded-for}i": "203.0.113.1",
            "{remote_addr}e": "203.0.113.1",
            "s": "200",
        }
    )
    assert atoms == {"h": "-", "a": "-", "f": "-", "u": "-", "q": "-", "s": "200"}


# --- nginx ------------------------------------------------------------------------
IDENTIFYING_VARIABLES = (
    "$remote_addr",
    "$binary_remote_addr",
    "$remote_user",
    "$http_user_agent",
    "$http_referer",
    "$http_x_forwarded_for",
    "$proxy_add_x_forwarded_for",
    "$realip_remote_addr",
    "$request ",
    "$request_uri",
    "$args",
    "$query_string",
)


def _directives(text: str, name: str) -> list[str]:
    """The full text (up to ``;``) of every ``name`` directive, comments removed."""
    text = re.sub(r"#[^\n]*", "", text)
    return [m.group(0) for m in re.finditer(rf"\b{name}\b[^;]*;", text)]


def test_nginx_log_formats_hold_nothing_identifying():
    """Every log format leaves out address, agent, referer and query string,
    and every access log uses one of them or is off."""
    text = (DEPLOY / "nginx.conf").read_text()
    formats = _directives(text, "log_format")
    assert formats
    names = set()
    for directive in formats:
        names.add(directive.split()[1])
        for variable in IDENTIFYING_VARIABLES:
            assert variable not in directive + " ", (variable, directive)
    access_logs = _directives(text, "access_log")
    assert access_logs
    for directive in access_logs:
        parts = directive.rstrip(";").split()
        assert parts[1] == "off" or (len(parts) > 2 and parts[2] in names), directive
    # The confidential paths are not logged at all.
    assert re.search(r"complaints/\(report\|track\)/\s+0;", text)
    assert re.search(r"error_log\s+\S+\s+crit;", text)


def test_nginx_accepts_the_configuration(tmp_path):
    """``nginx -t`` accepts the shipped file (skipped without nginx)."""
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.skip("nginx is not installed on this machine")
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed on this machine")
    text = (DEPLOY / "nginx.conf").read_text()
    # Certificates, user and paths of the target machine are not here: point
    # them at throw-away files so that only the syntax and directives count.
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
            "-days",
            "1",
        ],
        check=True,
        capture_output=True,
    )
    text = (
        text.replace("/etc/ssl/prongsai/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace("/etc/ssl/prongsai/privkey.pem", str(tmp_path / "key.pem"))
        .replace("/var/log/nginx/", str(tmp_path) + "/")
        .replace("/run/nginx.pid", str(tmp_path / "nginx.pid"))
        .replace("user www-data;", "")
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [nginx, "-t", "-c", str(conf), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
