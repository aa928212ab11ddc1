"""How to build an object of a given organisation for each integrity route."""

import itertools

from django.utils import timezone

from prongsai.integrity.models import NoGiftActivity, NoGiftAnnouncement

_years = itertools.count(2600)


def _announcement(organization, **extra):
    return NoGiftAnnouncement.objects.create(
        organization=organization,
        fiscal_year=next(_years),
        announced_on=timezone.localdate(),
        executive_name="ผู้บริหาร",
        executive_position="นายก",
        body="ประกาศ",
        **extra,
    )


def _no_gift_announcement(organization):
    return {"pk": _announcement(organization).pk}


def _published_no_gift_year(organization):
    announcement = _announcement(organization, published_at=timezone.now())
    return {"fiscal_year": announcement.fiscal_year}


def _no_gift_activity(organization):
    activity = NoGiftActivity.objects.create(
        organization=organization,
        fiscal_year=2569,
        held_on=timezone.localdate(),
        title="อบรม",
        kind=NoGiftActivity.Kind.TRAINING,
    )
    return {"pk": activity.pk}


ROUTE_OBJECTS = {
    "integrity-staff:no-gift-announcement-edit": _no_gift_announcement,
    "integrity-staff:no-gift-announcement-publish": _no_gift_announcement,
    "integrity-staff:no-gift-activity-edit": _no_gift_activity,
    "integrity-staff:no-gift-activity-delete": _no_gift_activity,
    "integrity-public:no-gift-year": _published_no_gift_year,
}
