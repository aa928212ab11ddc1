"""Fetching evidence URLs as the public would: status, redirects, content (no ORM).

Every URL is fetched over real HTTP(S) with the standard library, in a
bounded thread pool, each with a timeout; redirects are followed (at most
``MAX_REDIRECTS``), counted, and a loop is named as one. Paths on this site
("/bandong/...") are first made absolute by the caller with the
organisation's public address (``core.urls.absolute_url``: its verified own
host name, else ``PRONGSAI_BASE_URL``) and fetched through the same front
door (nginx, TLS, ``ALLOWED_HOSTS``) as a citizen's browser. An in-process
request would skip nginx (``/media/``, redirects, certificates) and, under
the production ``ALLOWED_HOSTS``, answer every page with HTTP 400.

Safety: every address a host name resolves to must be a public one, and the
connection goes to the address that was checked (no second DNS answer), so
an evidence link cannot make the platform fetch, and keep a copy of, its own
internal services. Only the site's own origins (``own_origins``: host and
port) may resolve to a private address, for an install whose own name points
at its proxy on the local network. ``PRONGSAI_LINKCHECK_OWN_ADDRESS`` makes
the own origins connect to a fixed address (for example the proxy at
``127.0.0.1`` when the server cannot reach its own public address); the
request still names the real host and TLS still checks its certificate.

Errors are kinds (``DNS``, ``TIMEOUT`` ...); :func:`problem_th` is the one
place that turns a result into the Thai words people see. The exception
text itself only goes to the log.

The network edges are :func:`resolve` (DNS) and :func:`open_connection`.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.organizations.hosts import PinnedHTTPConnection, PinnedHTTPSConnection

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 16
OWN_WORKERS = 4  # at most this many of this site's own pages at once
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "Prongsai-OIT-link-checker/1.0"
REDIRECT_CODES = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
# Parts of a page that change on every request and say nothing about content.
_VOLATILE = re.compile(
    rb'<input[^>]*name="csrfmiddlewaretoken"[^>]*>|<meta[^>]*name="csrf[^>]*>'
)

# What went wrong, when no HTTP status says it.
DNS = "dns"
TIMEOUT = "timeout"
SSL = "ssl"
CONNECT = "connect"
REDIRECT_LOOP = "redirect_loop"
TOO_MANY_REDIRECTS = "too_many_redirects"
UNSUPPORTED = "unsupported"
PRIVATE_ADDRESS = "private_address"
BAD_RESPONSE = "bad_response"

Origin = tuple[str, int]


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int | None
    final_url: str
    redirects: int
    content_hash: str
    size: int
    elapsed_ms: int
    error: str = ""  # one of the kinds above, "" when an answer came
    content_type: str = ""
    body: bytes | None = None  # only when asked for and not over the limit
    sha256: str = ""  # of the bytes exactly as served (``body``)
    too_large: bool = False  # the body went on past the limit; not all read

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and not self.error

    @property
    def problem(self) -> str:
        """What is wrong, in Thai; "" when the page works."""
        return "" if self.ok else problem_th(self.status, self.error)


def problem_th(status: int | None, error: str = "") -> str:
    """The one mapping from an outcome to the Thai words shown to people."""
    with translation.override("th"):
        if error == DNS:
            return _("Domain name not found")
        if error == TIMEOUT:
            return _("Connection timed out")
        if error == SSL:
            return _("Invalid security certificate (SSL)")
        if error == CONNECT:
            return _("Could not connect")
        if error == REDIRECT_LOOP:
            return _("The page redirects in a loop")
        if error == TOO_MANY_REDIRECTS:
            return _("Too many redirects (more than %(count)s)") % {
                "count": MAX_REDIRECTS
            }
        if error == UNSUPPORTED:
            return _("Not a web address (http or https)")
        if error == PRIVATE_ADDRESS:
            return _("The address points into a private network and is not checked")
        if error == BAD_RESPONSE:
            return _("The server answered with something that is not HTTP")
        if status is None:
            return _("Could not connect")
        if status in (404, 410):
            return _("Page not found (HTTP %(status)s)") % {"status": status}
        if status in (401, 403):
            return _("Access denied (HTTP %(status)s)") % {"status": status}
        if status >= 500:
            return _("Server error (HTTP %(status)s)") % {"status": status}
        if status in REDIRECT_CODES:
            return _("Redirect without a destination (HTTP %(status)s)") % {
                "status": status
            }
        if 200 <= status < 300:
            return ""
        return _("The link does not work (HTTP %(status)s)") % {"status": status}


def content_hash(body: bytes) -> str:
    """SHA-256 of the body without per-request tokens."""
    return hashlib.sha256(_VOLATILE.sub(b"", body)).hexdigest()


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def origin_of(url: str) -> Origin | None:
    """(host, port) of an absolute http(s) URL."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower().rstrip("."), port or _default_port(parts.scheme)


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the DNS edge); raises ``OSError``."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def _is_public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_global
    except ValueError:
        return False


class _UnsafeAddress(Exception):
    pass


def _address_for(origin: Origin, own_origins: Collection[Origin]) -> str:
    """The one address to connect to for ``origin``, checked."""
    host, port = origin
    own = origin in own_origins
    configured = settings.PRONGSAI_LINKCHECK_OWN_ADDRESS
    if own and configured:
        return configured
    addresses = resolve(host, port)
    if not addresses:
        raise socket.gaierror("no address")
    if not own and not all(_is_public(a) for a in addresses):
        raise _UnsafeAddress(host)
    return addresses[0]


def open_connection(
    scheme: str, host: str, port: int, address: str, timeout: float
) -> http.client.HTTPConnection:
    """A connection to ``address`` that speaks to ``host`` (the network edge)."""
    cls = PinnedHTTPSConnection if scheme == "https" else PinnedHTTPConnection
    return cls(host, address, port=port, timeout=timeout)


def _read(response, limit: int, deadline: float) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of the body, and whether there was more."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        if time.monotonic() > deadline:
            raise TimeoutError("body too slow")
        chunk = response.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:limit], True


def _kind_of(exc: BaseException) -> str:
    if isinstance(exc, _UnsafeAddress):
        return PRIVATE_ADDRESS
    if isinstance(exc, socket.gaierror):
        return DNS
    if isinstance(exc, TimeoutError):
        return TIMEOUT
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return SSL
    if isinstance(exc, http.client.HTTPException):
        return BAD_RESPONSE
    return CONNECT


def _detail(exc: BaseException) -> str:
    """The system's words for a failure, without any URL in them."""
    for name in ("verify_message", "strerror", "reason"):
        value = getattr(exc, name, None)
        if value:
            return str(value)[:200]
    return ""


def _connect(url: str, origin: Origin, own_origins: Collection[Origin], timeout: float):
    """A connection to ``origin`` with the GET of ``url`` sent (safe address only)."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    address = _address_for(origin, own_origins)
    connection = open_connection(parts.scheme, origin[0], origin[1], address, timeout)
    try:
        connection.request(
            "GET",
            target,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Language": "th,en;q=0.5",
            },
        )
    except BaseException:
        connection.close()
        raise
    return connection


def _log_failure(error: str, origin: Origin, exc: BaseException) -> None:
    # The host and the kind of failure only: never the path or query (some
    # exception texts quote the URL).
    logger.info(
        "OIT link check: %s at %s (%s: %s)",
        error,
        origin[0],
        type(exc).__name__,
        _detail(exc),
    )


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    own_origins: Collection[Origin] = (),
    keep_bytes: int = 0,
) -> FetchResult:
    """GET one absolute http(s) URL as a browser would; never raises.

    ``keep_bytes`` > 0 keeps the body (up to that many bytes; a larger one is
    hashed no further and marked ``too_large``).
    """
    started = time.monotonic()
    deadline = started + 3 * timeout
    current, redirects, seen = url, 0, {url}
    status: int | None = None
    body, more, content_type, error = b"", False, "", ""
    limit = min(keep_bytes, MAX_BYTES) if keep_bytes else MAX_BYTES
    while True:
        origin = origin_of(current)
        if origin is None:
            error = UNSUPPORTED
            break
        if time.monotonic() > deadline:
            error = TIMEOUT
            break
        connection = None
        try:
            connection = _connect(current, origin, own_origins, timeout)
            response = connection.getresponse()
            status = response.status
            location = response.getheader("Location")
            if status in REDIRECT_CODES and location:
                following = urllib.parse.urljoin(current, location.strip())
                if following in seen:
                    error = REDIRECT_LOOP
                    break
                if redirects >= MAX_REDIRECTS:
                    error = TOO_MANY_REDIRECTS
                    break
                redirects += 1
                seen.add(following)
                current = following
                continue
            content_type = (response.getheader("Content-Type") or "")[:100]
            body, more = _read(response, limit, deadline)
            break
        except (OSError, ValueError, http.client.HTTPException, _UnsafeAddress) as exc:
            error, status, body = _kind_of(exc), None, b""
            _log_failure(error, origin, exc)
            break
        finally:
            if connection is not None:
                connection.close()
    kept = keep_bytes > 0 and not more and not error
    return FetchResult(
        url=url,
        status=None if error else status,
        final_url=current,
        redirects=redirects,
        content_hash=content_hash(body) if body else "",
        size=len(body),
        elapsed_ms=int((time.monotonic() - started) * 1000),
        error=error,
        content_type=content_type,
        body=body if kept else None,
        sha256=hashlib.sha256(body).hexdigest() if kept else "",
        too_large=more,
    )


def fetch_many(
    urls: Iterable[str],
    *,
    absolute: Callable[[str], str] | None = None,
    base_url: str = "",
    own_origins: Collection[Origin] = (),
    workers: int = DEFAULT_WORKERS,
    timeout: float = DEFAULT_TIMEOUT,
    keep_bytes: int = 0,
    fetcher: Callable[..., FetchResult] | None = None,
) -> dict[str, FetchResult]:
    """Fetch every distinct URL once, keyed by the URL as given.

    A path is made absolute with ``absolute`` (the organisation's public
    address), else joined to ``base_url``; the origin of ``base_url`` counts
    as an own origin. ``fetcher`` replaces :func:`fetch` (tests).
    """
    get = fetcher or fetch
    distinct = list(dict.fromkeys(u for u in urls if u))
    own = set(own_origins)
    if base_url and (base := origin_of(base_url)):
        own.add(base)

    def to_absolute(url: str) -> str:
        if url.startswith("/") and not url.startswith("//"):
            return absolute(url) if absolute else base_url.rstrip("/") + url
        return url

    pairs = [(url, to_absolute(url)) for url in distinct]
    results: dict[str, FetchResult] = {}
    if not pairs:
        return results
    # This site serves its own pages with the same workers that may be waiting
    # for this check (a button in the back office): a few at a time.
    own_slots = threading.BoundedSemaphore(OWN_WORKERS)

    def one(absolute_url: str) -> FetchResult:
        if origin_of(absolute_url) in own:
            with own_slots:
                return get(
                    absolute_url,
                    timeout=timeout,
                    own_origins=own,
                    keep_bytes=keep_bytes,
                )
        return get(
            absolute_url, timeout=timeout, own_origins=own, keep_bytes=keep_bytes
        )

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(pairs)))) as pool:
        fetched = pool.map(lambda pair: one(pair[1]), pairs)
        for (key, _absolute), result in zip(pairs, fetched, strict=True):
            results[key] = result
    return results
