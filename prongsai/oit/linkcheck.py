"""Fetching evidence URLs: status, redirects, content hash (no ORM).

External URLs are fetched over HTTP with the standard library in a bounded
thread pool, each with a timeout; redirects are followed (at most
``MAX_REDIRECTS``) and counted. Paths on this site ("/bandong/...") are
fetched either through ``local_fetch`` (the Django test client, in-process)
or over HTTP against a base URL.
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 16
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "Prongsai-OIT-link-checker/1.0"
# Parts of a page that change on every request and say nothing about content.
_VOLATILE = re.compile(
    rb'<input[^>]*name="csrfmiddlewaretoken"[^>]*>|<meta[^>]*name="csrf[^>]*>'
)


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int | None
    final_url: str
    redirects: int
    content_hash: str
    size: int
    elapsed_ms: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and not self.error


def content_hash(body: bytes) -> str:
    """SHA-256 of the body without per-request tokens."""
    return hashlib.sha256(_VOLATILE.sub(b"", body)).hexdigest()


class _CountingRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self):
        self.count = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.count += 1
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> FetchResult:
    """GET one absolute http(s) URL; never raises."""
    started = time.monotonic()
    redirects = _CountingRedirects()
    opener = urllib.request.build_opener(redirects)
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        return FetchResult(url, None, url, 0, "", 0, 0, "unsupported URL")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, headers={"User-Agent": USER_AGENT}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES)
            status, final = response.status, response.geturl()
        error = ""
    except urllib.error.HTTPError as exc:
        body, status, final, error = b"", exc.code, exc.geturl() or url, ""
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        body, status, final = b"", None, url
        error = ("timeout" if "timed out" in str(reason) else str(reason))[:300]
    elapsed = int((time.monotonic() - started) * 1000)
    return FetchResult(
        url=url,
        status=status,
        final_url=final,
        redirects=redirects.count,
        content_hash=content_hash(body) if body else "",
        size=len(body),
        elapsed_ms=elapsed,
        error=error,
    )


def client_fetch(path: str) -> FetchResult:
    """GET a path of this site in-process with the Django test client."""
    from django.test import Client

    started = time.monotonic()
    client = Client(raise_request_exception=False)
    current, redirects = path, 0
    response = client.get(current)
    while (
        response.status_code in (301, 302, 303, 307, 308) and redirects < MAX_REDIRECTS
    ):
        redirects += 1
        current = urllib.parse.urljoin(current, response["Location"])
        if urllib.parse.urlsplit(current).netloc:
            result = fetch(current)
            return FetchResult(
                path,
                result.status,
                result.final_url,
                redirects + result.redirects,
                result.content_hash,
                result.size,
                int((time.monotonic() - started) * 1000),
                result.error,
            )
        response = client.get(current)
    body = b"".join(response) if response.streaming else response.content
    return FetchResult(
        url=path,
        status=response.status_code,
        final_url=current,
        redirects=redirects,
        content_hash=content_hash(body) if body else "",
        size=len(body),
        elapsed_ms=int((time.monotonic() - started) * 1000),
    )


def fetch_many(
    urls: Iterable[str],
    *,
    base_url: str = "",
    local_fetch: Callable[[str], FetchResult] | None = None,
    workers: int = DEFAULT_WORKERS,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, FetchResult]:
    """Fetch every distinct URL once; paths go to ``local_fetch`` if given,
    otherwise they are joined to ``base_url``."""
    distinct = list(dict.fromkeys(u for u in urls if u))
    results: dict[str, FetchResult] = {}
    remote: list[tuple[str, str]] = []
    for url in distinct:
        if url.startswith("/") and not url.startswith("//"):
            if local_fetch is not None:
                results[url] = local_fetch(url)
                continue
            remote.append((url, base_url.rstrip("/") + url))
        else:
            remote.append((url, url))
    if remote:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(remote)))) as pool:
            fetched = pool.map(lambda pair: fetch(pair[1], timeout=timeout), remote)
            for (key, _absolute), result in zip(remote, fetched, strict=True):
                results[key] = result
    return results
