"""Benchmark: the OIT link checker against a local HTTP server.

Issue #8 asks for at least 200 URLs per second against a local server.
Run from the repository root:

    .venv/bin/python bench/oit_linkcheck.py [URLS] [WORKERS]

Starts a threaded HTTP server on a free loopback port that answers every
path with a small page (every tenth path redirects once, every fiftieth is a
404), fetches URLS distinct URLs with ``fetch_many`` and prints the rate.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The checker reads PRONGSAI_LINKCHECK_OWN_ADDRESS (and Thai messages) from settings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from prongsai.oit.linkcheck import fetch_many

BODY = b"<html><body>" + "หลักฐาน OIT ".encode() * 200 + b"</body></html>"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        number = int(self.path.rsplit("/", 1)[-1].split("?")[0] or 0)
        if number % 10 == 1 and "final" not in self.path:
            self.send_response(302)
            self.send_header("Location", f"/final/{number}")
            self.end_headers()
            return
        status = 404 if number % 50 == 0 else 200
        self.send_response(status)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/page/{n}" for n in range(1, count + 1)]
    # The loopback server stands in for the site itself (an own origin).
    own = [("127.0.0.1", server.server_address[1])]
    fetch_many(urls[:20], workers=workers, own_origins=own)  # warm-up
    started = time.perf_counter()
    results = fetch_many(urls, workers=workers, timeout=10, own_origins=own)
    elapsed = time.perf_counter() - started
    server.shutdown()
    ok = sum(1 for r in results.values() if r.ok)
    broken = sum(1 for r in results.values() if r.status == 404)
    redirected = sum(1 for r in results.values() if r.redirects)
    errors = sum(1 for r in results.values() if r.error)
    rate = count / elapsed
    print(f"URLs checked:      {count} ({workers} workers)")
    print(f"ok / 404 / errors: {ok} / {broken} / {errors}; redirected {redirected}")
    print(f"time:              {elapsed:.2f} s")
    verdict = "PASS" if rate >= 200 else "FAIL"
    print(f"rate:              {rate:.0f} URLs/s (target >= 200) {verdict}")


if __name__ == "__main__":
    main()
