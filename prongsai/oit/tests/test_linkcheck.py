"""The link checker against a local HTTP server: redirects, 404, timeouts,
changed content, bounded concurrency, and what each failure is called in Thai."""

import contextlib
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from prongsai.oit import linkcheck

CONTENT = {"value": b"<html>first</html>"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/ok":
            self._send(200, CONTENT["value"])
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/ok")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path.startswith("/chain/"):
            number = int(self.path.rsplit("/", 1)[-1])
            self.send_response(302)
            self.send_header("Location", f"/chain/{number + 1}")
            self.end_headers()
        elif self.path == "/error":
            self._send(500, b"boom")
        elif self.path == "/big":
            self._send(200, b"x" * 5000)
        elif self.path.startswith("/slow"):
            time.sleep(1.5)
            self._send(200, b"late")
        elif self.path == "/csrf":
            token = str(time.monotonic_ns()).encode()
            self._send(
                200,
                b'<form><input type="hidden" name="csrfmiddlewaretoken" value="'
                + token
                + b'"></form>',
            )
        else:
            self._send(404, b"not found")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeouts)
            self.wfile.write(body)


@pytest.fixture(scope="module")
def httpd():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(httpd):
    return f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def own(httpd):
    """The loopback server stands in for the site itself (an own origin)."""
    return {("127.0.0.1", httpd.server_address[1])}


def test_a_working_page(server, own):
    result = linkcheck.fetch(server + "/ok", own_origins=own)
    assert result.ok
    assert result.status == 200
    assert result.redirects == 0
    assert len(result.content_hash) == 64
    assert result.problem == ""
    assert result.body is None  # not kept unless asked for


def test_redirects_are_followed_and_counted(server, own):
    result = linkcheck.fetch(server + "/redirect", own_origins=own)
    assert result.ok
    assert result.redirects == 1
    assert result.final_url == server + "/ok"


def test_a_redirect_loop_is_reported_in_thai(server, own):
    result = linkcheck.fetch(server + "/loop", own_origins=own)
    assert not result.ok
    assert result.error == linkcheck.REDIRECT_LOOP
    assert result.problem == "หน้าเว็บเปลี่ยนเส้นทางวนซ้ำ"


def test_too_many_redirects(server, own):
    result = linkcheck.fetch(server + "/chain/0", own_origins=own)
    assert result.error == linkcheck.TOO_MANY_REDIRECTS
    assert result.redirects == linkcheck.MAX_REDIRECTS
    assert result.problem == "เปลี่ยนเส้นทางมากเกินไป (เกิน 5 ครั้ง)"


def test_404_and_500_in_thai(server, own):
    missing = linkcheck.fetch(server + "/missing", own_origins=own)
    assert missing.status == 404
    assert not missing.ok
    assert missing.problem == "ไม่พบหน้า (HTTP 404)"
    broken = linkcheck.fetch(server + "/error", own_origins=own)
    assert broken.problem == "เซิร์ฟเวอร์ผิดพลาด (HTTP 500)"


def test_a_slow_page_times_out(server, own):
    result = linkcheck.fetch(server + "/slow", own_origins=own, timeout=0.3)
    assert result.status is None
    assert result.error == linkcheck.TIMEOUT
    assert result.problem == "หมดเวลาการเชื่อมต่อ"


def test_refused_connection_and_unsupported_scheme():
    refused = linkcheck.fetch("http://127.0.0.1:9/", own_origins={("127.0.0.1", 9)})
    assert refused.error == linkcheck.CONNECT
    assert refused.problem == "เชื่อมต่อไม่ได้"
    unsupported = linkcheck.fetch("file:///etc/passwd")
    assert unsupported.error == linkcheck.UNSUPPORTED
    assert unsupported.problem == "ไม่ใช่ที่อยู่เว็บ (http หรือ https)"


def test_tls_to_a_server_without_it_is_an_ssl_problem(httpd):
    port = httpd.server_address[1]
    result = linkcheck.fetch(
        f"https://127.0.0.1:{port}/ok", own_origins={("127.0.0.1", port)}, timeout=2
    )
    assert result.error == linkcheck.SSL
    assert result.problem == "ใบรับรองความปลอดภัย (SSL) ไม่ถูกต้อง"


def test_an_unknown_domain_is_named_in_thai_and_the_detail_only_logged(
    monkeypatch, caplog
):
    def no_such_name(host, port):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(linkcheck, "resolve", no_such_name)
    with caplog.at_level(logging.INFO, logger="prongsai.oit.linkcheck"):
        result = linkcheck.fetch("https://nothing.example.go.th/secret?id=1234567")
    assert result.error == linkcheck.DNS
    assert result.problem == "ไม่พบชื่อโดเมน"
    assert "Errno" not in result.problem
    assert "Name or service not known" in caplog.text
    # The log names the host, never the path or query.
    assert "nothing.example.go.th" in caplog.text
    assert "secret" not in caplog.text
    assert "1234567" not in caplog.text


def test_an_external_link_to_a_private_address_is_not_fetched(server, monkeypatch):
    # Not an own origin: the loopback server is someone's internal service.
    result = linkcheck.fetch(server + "/ok")
    assert result.error == linkcheck.PRIVATE_ADDRESS
    assert result.status is None
    assert result.problem == "ที่อยู่นี้ชี้ไปยังเครือข่ายภายใน จึงไม่ตรวจ"

    connected = []
    monkeypatch.setattr(linkcheck, "resolve", lambda host, port: ["10.0.0.5"])
    monkeypatch.setattr(
        linkcheck, "open_connection", lambda *args: connected.append(args)
    )
    result = linkcheck.fetch("https://intranet.example.org/")
    assert result.error == linkcheck.PRIVATE_ADDRESS
    assert connected == []


def test_a_redirect_into_a_private_network_is_refused(server, own, httpd):
    class Redirecting(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", server + "/ok")
            self.end_headers()

    other = ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        port = other.server_address[1]
        # The first host is allowed (an own origin); where it sends us is not.
        result = linkcheck.fetch(
            f"http://127.0.0.1:{port}/", own_origins={("127.0.0.1", port)}
        )
    finally:
        other.shutdown()
        other.server_close()
    assert result.error == linkcheck.PRIVATE_ADDRESS
    assert result.redirects == 1


@pytest.mark.parametrize(
    ("status", "error", "expected"),
    [
        (None, linkcheck.DNS, "ไม่พบชื่อโดเมน"),
        (None, linkcheck.TIMEOUT, "หมดเวลาการเชื่อมต่อ"),
        (None, linkcheck.SSL, "ใบรับรองความปลอดภัย (SSL) ไม่ถูกต้อง"),
        (None, linkcheck.CONNECT, "เชื่อมต่อไม่ได้"),
        (None, linkcheck.REDIRECT_LOOP, "หน้าเว็บเปลี่ยนเส้นทางวนซ้ำ"),
        (None, linkcheck.TOO_MANY_REDIRECTS, "เปลี่ยนเส้นทางมากเกินไป (เกิน 5 ครั้ง)"),
        (None, linkcheck.UNSUPPORTED, "ไม่ใช่ที่อยู่เว็บ (http หรือ https)"),
        (
            None,
            linkcheck.PRIVATE_ADDRESS,
            "ที่อยู่นี้ชี้ไปยังเครือข่ายภายใน จึงไม่ตรวจ",
        ),
        (None, linkcheck.BAD_RESPONSE, "เซิร์ฟเวอร์ตอบกลับในรูปแบบที่ไม่ใช่ HTTP"),
        (None, "", "เชื่อมต่อไม่ได้"),
        (404, "", "ไม่พบหน้า (HTTP 404)"),
        (410, "", "ไม่พบหน้า (HTTP 410)"),
        (403, "", "ไม่มีสิทธิ์เข้าถึงหน้า (HTTP 403)"),
        (500, "", "เซิร์ฟเวอร์ผิดพลาด (HTTP 500)"),
        (503, "", "เซิร์ฟเวอร์ผิดพลาด (HTTP 503)"),
        (302, "", "เปลี่ยนเส้นทางโดยไม่ระบุปลายทาง (HTTP 302)"),
        (418, "", "ลิงก์ใช้ไม่ได้ (HTTP 418)"),
        (200, "", ""),
    ],
)
def test_problem_th_names_every_kind_in_thai(status, error, expected):
    assert linkcheck.problem_th(status, error) == expected


def test_problem_th_is_thai_whatever_language_is_active():
    from django.utils import translation

    with translation.override("en"):
        assert linkcheck.problem_th(None, linkcheck.DNS) == "ไม่พบชื่อโดเมน"


def test_the_body_is_kept_when_asked_and_not_over_the_limit(server, own):
    kept = linkcheck.fetch(server + "/big", own_origins=own, keep_bytes=10_000)
    assert kept.body == b"x" * 5000
    assert kept.content_type == "text/html; charset=utf-8"
    assert len(kept.sha256) == 64
    assert not kept.too_large
    over = linkcheck.fetch(server + "/big", own_origins=own, keep_bytes=1000)
    assert over.body is None
    assert over.too_large
    assert over.sha256 == ""


def test_changed_content_changes_the_hash(server, own):
    before = linkcheck.fetch(server + "/ok", own_origins=own).content_hash
    CONTENT["value"] = b"<html>second</html>"
    try:
        after = linkcheck.fetch(server + "/ok", own_origins=own).content_hash
    finally:
        CONTENT["value"] = b"<html>first</html>"
    assert before != after


def test_csrf_tokens_do_not_change_the_hash(server, own):
    assert (
        linkcheck.fetch(server + "/csrf", own_origins=own).content_hash
        == linkcheck.fetch(server + "/csrf", own_origins=own).content_hash
    )


def test_fetch_many_joins_paths_to_the_base_url_and_fetches_each_once(server):
    urls = ["/ok", "/ok", server + "/redirect", "/missing"]
    results = linkcheck.fetch_many(urls, base_url=server, workers=4)
    assert set(results) == {"/ok", server + "/redirect", "/missing"}
    assert results["/ok"].ok
    assert results["/missing"].status == 404


def test_fetch_many_makes_paths_absolute_with_the_given_function(server, own):
    results = linkcheck.fetch_many(
        ["/ok"], absolute=lambda path: server + path, own_origins=own
    )
    assert results["/ok"].ok
    assert results["/ok"].url == server + "/ok"


def test_timeouts_run_in_parallel(server, own):
    started = time.monotonic()
    results = linkcheck.fetch_many(
        [f"{server}/slow?{n}" for n in range(4)],
        workers=4,
        timeout=0.5,
        own_origins=own,
    )
    assert all(r.error == linkcheck.TIMEOUT for r in results.values())
    assert time.monotonic() - started < 1.5


def test_own_pages_are_fetched_a_few_at_a_time():
    """The site's own workers serve these: at most OWN_WORKERS at once,
    while external sites get the whole pool."""
    lock = threading.Lock()
    running = {"own": 0, "other": 0}
    peak = {"own": 0, "other": 0}

    def fetcher(url, **options):
        kind = "own" if "prongsai.example.go.th" in url else "other"
        with lock:
            running[kind] += 1
            peak[kind] = max(peak[kind], running[kind])
        time.sleep(0.1)
        with lock:
            running[kind] -= 1
        return linkcheck.FetchResult(url, 200, url, 0, "", 0, 1)

    urls = [f"/bandong/page/{n}/" for n in range(12)]
    urls += [f"https://site{n}.example.org/" for n in range(12)]
    linkcheck.fetch_many(
        urls,
        absolute=lambda path: "https://prongsai.example.go.th" + path,
        own_origins={("prongsai.example.go.th", 443)},
        workers=16,
        fetcher=fetcher,
    )
    assert peak["own"] == linkcheck.OWN_WORKERS
    assert peak["other"] > linkcheck.OWN_WORKERS
