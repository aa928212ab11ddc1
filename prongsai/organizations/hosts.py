"""Which host names belong to the platform, and proving control of a host name.

An organisation may serve its pages at its own host name, but only once it has
shown that it controls that name: a DNS TXT record at
``_prongsai-verify.<host>`` or a file at
``https://<host>/.well-known/prongsai-verify.txt`` holding the token the
platform gave it (or the platform operator approves the name in the admin).
The platform's own host names can never be taken.

The network edges (the DNS resolver and the one HTTP request) are the
functions :func:`dns_txt_values` and :func:`http_get`; nothing else here
touches the network.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.parse

from django.conf import settings
from django.utils.crypto import constant_time_compare

DNS_RECORD_PREFIX = "_prongsai-verify."
WELL_KNOWN_PATH = "/.well-known/prongsai-verify.txt"
TOKEN_PREFIX = "prongsai-verify="  # noqa: S105 - a label, not a secret
TIMEOUT_SECONDS = 5
MAX_FILE_BYTES = 1024


def normalize(host: str) -> str:
    """``host`` in the form it is stored and compared in: lower case, no dot at
    the end, no port."""
    host = (host or "").strip().lower()
    if host.startswith("[") or host.count(":") > 1:
        return host  # an IPv6 literal; never a valid organisation host name
    return host.split(":", 1)[0].rstrip(".")


def platform_hosts() -> frozenset[str]:
    """The host names of the platform itself (``PRONGSAI_PLATFORM_HOSTS``)."""
    return frozenset(
        normalize(h) for h in settings.PRONGSAI_PLATFORM_HOSTS if normalize(h)
    )


def allowed_host_names() -> frozenset[str]:
    """Literal names in ``ALLOWED_HOSTS`` (a leading dot counts as its name)."""
    names = set()
    for entry in settings.ALLOWED_HOSTS:
        name = normalize(entry.lstrip("."))
        if name and "*" not in name:
            names.add(name)
    return frozenset(names)


def is_platform_host(host: str) -> bool:
    """Whether ``host`` is one of the platform's own host names."""
    return normalize(host) in platform_hosts()


def platform_parent(host: str) -> str | None:
    """The platform host that ``host`` sits under (a subdomain), else None."""
    host = normalize(host)
    for parent in sorted(platform_hosts() | allowed_host_names()):
        if host != parent and host.endswith("." + parent):
            return parent
    return None


def new_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


def token_matches(values: list[str], token: str) -> bool:
    """Whether any published value is the token (alone or as ``prongsai-verify=``)."""
    if not token:
        return False
    for value in values:
        value = (value or "").strip().strip('"').strip()
        if value.startswith(TOKEN_PREFIX):
            value = value[len(TOKEN_PREFIX) :].strip()
        if constant_time_compare(value, token):
            return True
    return False


def dns_record_name(host: str) -> str:
    return DNS_RECORD_PREFIX + normalize(host)


def dns_txt_values(name: str) -> list[str]:
    """The TXT strings published at ``name``; empty when there are none.

    The network edge for DNS verification.
    """
    import dns.exception
    import dns.resolver

    try:
        answer = dns.resolver.resolve(name, "TXT", lifetime=TIMEOUT_SECONDS)
    except dns.exception.DNSException:
        return []
    return [b"".join(record.strings).decode("utf-8", "replace") for record in answer]


def public_address(host: str) -> str | None:
    """One address of ``host`` when every address it resolves to is public.

    A host name that points at the platform's own network (loopback, private,
    link-local addresses) is never fetched, so verification cannot be used to
    probe internal services. The fetch then connects to the address returned
    here, so a second DNS answer (DNS rebinding) cannot point it elsewhere.
    """
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return None
    # sockaddr[0] is the address string for the IPv4/IPv6 families asked for.
    found = sorted({str(info[4][0]) for info in infos})
    if not found:
        return None
    for address in found:
        try:
            if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
                return None
        except ValueError:
            return None
    return found[0]


def addresses_are_public(host: str) -> bool:
    """Whether every address ``host`` resolves to is a public one."""
    return public_address(host) is not None


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a fixed address while naming ``host`` in the request."""

    def __init__(self, host: str, address: str, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to a fixed address, with the certificate checked for ``host``."""

    def __init__(self, host: str, address: str, **kwargs):
        self._tls_context = ssl.create_default_context()
        super().__init__(host, context=self._tls_context, **kwargs)
        self._address = address

    def connect(self):
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls_context.wrap_socket(raw, server_hostname=self.host)


def http_get(url: str, *, address: str) -> str | None:
    """The body of ``url`` fetched from ``address`` when it answers 200, else
    None. No redirects (a redirect is an answer without the token), no proxies,
    a short timeout and at most ``MAX_FILE_BYTES`` read.

    The network edge for file verification.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return None
    cls = PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
    connection = cls(parts.hostname, address, port=parts.port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("GET", parts.path or "/", headers={"User-Agent": "Prongsai"})
        response = connection.getresponse()
        if response.status != 200:
            return None
        return response.read(MAX_FILE_BYTES).decode("utf-8", "replace")
    except (OSError, ValueError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def file_values(host: str) -> list[str]:
    """What ``https://<host>/.well-known/prongsai-verify.txt`` holds (then
    ``http://``), only ever fetched from ``host`` itself on the default port,
    at the public address it resolved to once."""
    host = normalize(host)
    address = public_address(host) if host else None
    if address is None:
        return []
    for scheme in ("https", "http"):
        body = http_get(f"{scheme}://{host}{WELL_KNOWN_PATH}", address=address)
        if body is not None:
            return body.splitlines()
    return []


def verify(host: str, token: str) -> str:
    """How control of ``host`` was shown (``dns`` or ``file``), or "" if not."""
    if token_matches(dns_txt_values(dns_record_name(host)), token):
        return "dns"
    if token_matches(file_values(host), token):
        return "file"
    return ""
