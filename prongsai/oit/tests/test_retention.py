"""Link-check history is kept for a term, but the last state of each link stays."""

import datetime

from django.utils import timezone

from prongsai.core import retention
from prongsai.oit.models import LinkCheck

DAY = datetime.timedelta(days=1)


def _check(item, url, days_ago):
    return LinkCheck.objects.create(
        organization=item.organization,
        item=item,
        url=url,
        checked_at=timezone.now() - days_ago * DAY,
        status_code=200,
        ok=True,
    )


def test_old_link_checks_go_but_the_newest_of_each_link_stays(checklist, settings):
    settings.PRONGSAI_RETENTION_DAYS = {"oit.link_check": 90}
    first, second = checklist.items.order_by("pk")[:2]
    gone = [_check(first, "https://a.example/", days) for days in (200, 120, 91)]
    kept = [
        _check(first, "https://a.example/", 10),  # recent
        _check(first, "https://b.example/", 150),  # the last check of this link
        _check(second, "https://a.example/", 300),  # same URL, other item
    ]
    _check(second, "https://a.example/", 400)
    gone.append(LinkCheck.objects.order_by("checked_at").first())

    dry = retention.retention_apply(dry_run=True)
    assert dry.counts["oit.link_check"] == {checklist.organization_id: 4}
    assert LinkCheck.objects.count() == 7

    retention.retention_apply()
    assert set(LinkCheck.objects.values_list("pk", flat=True)) == {c.pk for c in kept}


def test_the_term_is_a_setting():
    kind = retention.kind_get("oit.link_check")
    assert kind is not None
    assert retention.period_days(kind) == 90
