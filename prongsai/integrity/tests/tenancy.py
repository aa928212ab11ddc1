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


def _declarant(organization):
    """The tenancy test's member holding every role (declarations are read
    and changed by their declarant), else a new member."""
    from prongsai.organizations.models import Membership
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import MembershipFactory

    for member in Membership.objects.filter(organization=organization):
        if set(Role.values) <= set(member.roles):
            return member
    return MembershipFactory(organization=organization)


def _coi_declaration(organization):
    from prongsai.integrity.models_coi import CoiDeclaration

    declaration = CoiDeclaration.objects.create(
        organization=organization,
        fiscal_year=2569,
        declarant=_declarant(organization),
        kind=CoiDeclaration.Kind.AD_HOC,
        declared_on=timezone.localdate(),
    )
    return declaration


def _coi_declaration_pk(organization):
    return {"pk": _coi_declaration(organization).pk}


def _coi_interest(organization):
    from prongsai.integrity.models_coi import CoiInterest

    interest = CoiInterest.objects.create(
        organization=organization,
        declaration=_coi_declaration(organization),
        kind=CoiInterest.Kind.OTHER,
        name="บริษัท ทดสอบ จำกัด",
        relationship=CoiInterest.Relationship.SELF,
    )
    return interest


def _coi_interest_pk(organization):
    return {"pk": _coi_interest(organization).pk}


def _coi_flag(organization):
    from prongsai.integrity.models_coi import CoiFlag
    from prongsai.procurement.tests.factories import BidFactory

    bid = BidFactory(
        procurement__organization=organization,
        supplier__organization=organization,
    )
    flag = CoiFlag.objects.create(
        organization=organization,
        interest=_coi_interest(organization),
        procurement=bid.procurement,
        supplier=bid.supplier,
        source=CoiFlag.Source.BIDDER,
        matched_on=CoiFlag.MatchedOn.NAME,
    )
    return {"pk": flag.pk}


def _coi_procurement(organization):
    from prongsai.procurement.tests.factories import ProcurementFactory

    return {"procurement_pk": ProcurementFactory(organization=organization).pk}


ROUTE_OBJECTS = {
    "integrity-staff:coi-declaration": _coi_declaration_pk,
    "integrity-staff:coi-interest-create": _coi_declaration_pk,
    "integrity-staff:coi-interest-delete": _coi_interest_pk,
    "integrity-staff:coi-flag-review": _coi_flag,
    "integrity-staff:coi-committee": _coi_procurement,
    "integrity-staff:no-gift-announcement-edit": _no_gift_announcement,
    "integrity-staff:no-gift-announcement-publish": _no_gift_announcement,
    "integrity-staff:no-gift-activity-edit": _no_gift_activity,
    "integrity-staff:no-gift-activity-delete": _no_gift_activity,
    "integrity-public:no-gift-year": _published_no_gift_year,
}
