"""The visitor's address behind trusted proxies, and the keys built on it."""

import pytest
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.conftest import via_proxy
from prongsai.core.clientip import address_from, client_ip, normalize_ip
from prongsai.core.ratelimit import client_scope


def _request(**meta):
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("  203.0.113.7 ", "203.0.113.7"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("unknown", None),
        ("203.0.113.300", None),
        ("203.0.113.7:443", None),
        ("<script>", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_ip(value, expected):
    assert normalize_ip(value) == expected


class TestAddressFrom:
    def test_without_proxies_only_the_connection_counts(self):
        assert (
            address_from(
                remote_addr="198.51.100.9", forwarded_for="203.0.113.7", proxies=0
            )
            == "198.51.100.9"
        )

    def test_one_proxy_takes_the_address_nginx_appended(self):
        assert (
            address_from(
                remote_addr="127.0.0.1",
                forwarded_for="6.6.6.6, 1.2.3.4 ,203.0.113.7",
                proxies=1,
            )
            == "203.0.113.7"
        )

    def test_two_proxies_take_the_second_from_the_right(self):
        assert (
            address_from(
                remote_addr="127.0.0.1",
                forwarded_for="6.6.6.6, 203.0.113.7, 192.0.2.50",
                proxies=2,
            )
            == "203.0.113.7"
        )

    def test_ipv6_visitor(self):
        assert (
            address_from(remote_addr="::1", forwarded_for="2001:db8:0::42", proxies=1)
            == "2001:db8::42"
        )

    def test_fewer_entries_than_proxies_take_the_left_most(self):
        # Every entry was written by a trusted proxy: the first is the
        # address the outermost proxy that handled the request saw.
        assert (
            address_from(
                remote_addr="127.0.0.1", forwarded_for="203.0.113.7", proxies=2
            )
            == "203.0.113.7"
        )

    def test_missing_or_empty_header_falls_back_to_the_connection(self):
        for header in (None, "", "  "):
            assert (
                address_from(
                    remote_addr="198.51.100.9", forwarded_for=header, proxies=1
                )
                == "198.51.100.9"
            )

    def test_garbage_where_the_proxy_writes_is_no_address(self):
        for header in ("6.6.6.6, garbage", "6.6.6.6,", "1.2.3.4, 5.6.7.8:80"):
            assert (
                address_from(remote_addr="127.0.0.1", forwarded_for=header, proxies=1)
                is None
            )


@settings(max_examples=150, deadline=None)
@given(
    spoofed=st.lists(
        st.one_of(
            st.ip_addresses().map(str),
            st.text(
                alphabet=st.characters(blacklist_characters=",", codec="ascii"),
                max_size=20,
            ),
        ),
        max_size=5,
    ),
    real=st.ip_addresses().map(str),
    proxies=st.integers(min_value=1, max_value=3),
)
def test_entries_left_of_the_trusted_ones_never_change_the_address(
    spoofed, real, proxies
):
    trusted = [real] + [f"192.0.2.{n}" for n in range(1, proxies)]
    header = ", ".join([*spoofed, *trusted])
    assert address_from(
        remote_addr="127.0.0.1", forwarded_for=header, proxies=proxies
    ) == normalize_ip(real)


def test_client_ip_reads_the_configured_count(settings):
    meta = via_proxy("203.0.113.7", spoofed="6.6.6.6")
    settings.PRONGSAI_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(**meta)) == "127.0.0.1"
    settings.PRONGSAI_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(**meta)) == "203.0.113.7"


def test_client_scope_is_the_visitor_alone(behind_proxy):
    visitor = client_scope(_request(**via_proxy("203.0.113.7")))
    assert client_scope(_request(**via_proxy("203.0.113.7", spoofed="6.6.6.6"))) == (
        visitor
    )
    assert client_scope(_request(**via_proxy("203.0.113.8"))) != visitor
    assert "203.0.113.7" not in visitor
