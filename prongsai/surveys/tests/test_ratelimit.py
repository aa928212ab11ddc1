"""``core.ratelimit.RateLimit``: every attempt counts, per visitor."""

from prongsai.core.ratelimit import RateLimit


def test_a_rate_limit_allows_its_limit_then_refuses_without_counting():
    limit = RateLimit(name="test.surveys", limit=2, window=60)
    assert limit.allow("a") and limit.allow("a")
    assert not limit.allow("a")
    assert not limit.allow("a")
    assert limit.allow("b")  # another visitor has their own count
