"""The visitor's real address, the one place every limit asks for it.

Sign-in lockout (axes, ``AXES_CLIENT_IP_CALLABLE``), allauth's rate limits
(``AccountAdapter.get_client_ip``) and Prongsai's own failure limits
(``core.ratelimit.client_scope``) all call :func:`client_ip`, so a visitor is
counted as the same address everywhere.

Behind ``PRONGSAI_TRUSTED_PROXY_COUNT`` proxies that each append the address
they saw to X-Forwarded-For, the Nth entry from the right is the address the
outermost trusted proxy saw; entries further left came from the visitor and
are ignored. With 0 (no proxy) only REMOTE_ADDR counts.

django-ipware is not used: its ``proxy_count`` counts one proxy fewer than
allauth's (it leaves out the proxy that connects to us) and, unset, it returns
the left-most entry, which the visitor chooses.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def trusted_proxy_count() -> int:
    """How many proxies in front of Prongsai append to X-Forwarded-For."""
    return int(getattr(settings, "PRONGSAI_TRUSTED_PROXY_COUNT", 0) or 0)


def normalize_ip(value: str | None) -> str | None:
    """``value`` as a canonical IP address, or None when it is not one.

    Accepts ``[2001:db8::1]``; an IPv4-mapped IPv6 address becomes IPv4 so
    that one visitor has one spelling.
    """
    text = (value or "").strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def address_from(
    *, remote_addr: str | None, forwarded_for: str | None, proxies: int
) -> str | None:
    """The client address from the two request values (pure).

    With fewer X-Forwarded-For entries than ``proxies``, every entry was
    written by a trusted proxy, so the left-most is the best one known.
    Without the header the peer itself is the client. None when the chosen
    value is not an IP address.
    """
    if proxies <= 0 or not forwarded_for or not forwarded_for.strip():
        return normalize_ip(remote_addr)
    entries = forwarded_for.split(",")
    chosen = entries[-proxies] if len(entries) >= proxies else entries[0]
    return normalize_ip(chosen)


def client_ip(request) -> str | None:
    """The real client address of ``request`` (see the module's docstring)."""
    meta = request.META
    return address_from(
        remote_addr=meta.get("REMOTE_ADDR"),
        forwarded_for=meta.get("HTTP_X_FORWARDED_FOR"),
        proxies=trusted_proxy_count(),
    )
