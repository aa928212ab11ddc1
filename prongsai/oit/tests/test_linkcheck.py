"""The link checker against a local HTTP server: redirects, 404, timeouts,
changed content, bounded concurrency."""

import contextlib
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
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeouts)
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_working_page(server):
    result = linkcheck.fetch(server + "/ok")
    assert result.ok
    assert result.status == 200
    assert result.redirects == 0
    assert len(result.content_hash) == 64


def test_redirects_are_followed_and_counted(server):
    result = linkcheck.fetch(server + "/redirect")
    assert result.ok
    assert result.redirects == 1
    assert result.final_url == server + "/ok"


def test_a_redirect_loop_is_reported(server):
    result = linkcheck.fetch(server + "/loop")
    assert not result.ok
    assert result.redirects >= linkcheck.MAX_REDIRECTS


def test_404_is_not_ok(server):
    result = linkcheck.fetch(server + "/missing")
    assert result.status == 404
    assert not result.ok


def test_a_slow_page_times_out(server):
    result = linkcheck.fetch(server + "/slow", timeout=0.3)
    assert result.status is None
    assert result.error == "timeout"


def test_unreachable_and_unsupported(server):
    assert linkcheck.fetch("http://127.0.0.1:9/").error
    assert linkcheck.fetch("file:///etc/passwd").error == "unsupported URL"


def test_changed_content_changes_the_hash(server):
    before = linkcheck.fetch(server + "/ok").content_hash
    CONTENT["value"] = b"<html>second</html>"
    try:
        after = linkcheck.fetch(server + "/ok").content_hash
    finally:
        CONTENT["value"] = b"<html>first</html>"
    assert before != after


def test_csrf_tokens_do_not_change_the_hash(server):
    assert (
        linkcheck.fetch(server + "/csrf").content_hash
        == linkcheck.fetch(server + "/csrf").content_hash
    )


def test_fetch_many_joins_paths_to_the_base_url_and_fetches_each_once(server):
    urls = ["/ok", "/ok", server + "/redirect", "/missing"]
    results = linkcheck.fetch_many(urls, base_url=server, workers=4)
    assert set(results) == {"/ok", server + "/redirect", "/missing"}
    assert results["/ok"].ok
    assert results["/missing"].status == 404


def test_timeouts_run_in_parallel(server):
    started = time.monotonic()
    results = linkcheck.fetch_many(
        [f"{server}/slow?{n}" for n in range(4)], workers=4, timeout=0.5
    )
    assert all(r.error == "timeout" for r in results.values())
    assert time.monotonic() - started < 1.5
