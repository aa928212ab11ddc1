"""A plan's publications move to ``core.Publication`` unchanged, numbered."""

import datetime

import pytest
from django.utils import timezone

from prongsai.core.publications import publication_list
from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets
from prongsai.plans import selectors_publication

PLANS_ONLY = migration_targets(("plans", "0008_plan_publications"))


@pytest.mark.django_db(transaction=True)
def test_plan_publications_move_to_core(organization):
    from prongsai.plans.models import Plan

    earlier = timezone.now() - datetime.timedelta(days=30)
    later = timezone.now()
    try:
        old = migrate_to(PLANS_ONLY)
        OldPlan = old.get_model("plans", "Plan")
        Version = old.get_model("plans", "PlanVersion")
        Publication = old.get_model("plans", "PlanPublication")
        plan = OldPlan.objects.create(
            organization_id=organization.pk,
            kind="integrity",
            fiscal_year=2569,
            title="มาตรการส่งเสริมคุณธรรม",
            published_at=later,
        )
        first = Version.objects.create(plan=plan, number=1, snapshot={"title": "ฉบับ 1"})
        second = Version.objects.create(
            plan=plan, number=2, snapshot={"title": "ฉบับ 2"}
        )
        # Stored out of order: numbers follow the dates.
        Publication.objects.create(
            plan=plan,
            version=second,
            published_at=later,
            published_by_name="นางสาวสุภาพร แก้วมณี",
            snapshot={"version": 2, "content": {"title": "ฉบับ 2"}},
        )
        Publication.objects.create(
            plan=plan,
            version=first,
            published_at=earlier,
            snapshot={"content": {"title": "ฉบับ 1"}},
        )
    finally:
        migrate_to_latest()
    plan = Plan.objects.get(organization=organization, fiscal_year=2569)
    newest, oldest = publication_list(plan)
    assert (oldest.number, oldest.published_at) == (1, earlier)
    assert oldest.snapshot == {"version": 1, "content": {"title": "ฉบับ 1"}}
    assert (newest.number, newest.published_at) == (2, later)
    assert newest.organization == organization
    current = selectors_publication.publication_get_current(plan)
    assert current.version.number == 2
    assert current.published_by_name == "นางสาวสุภาพร แก้วมณี"
    assert current.snapshot["content"] == {"title": "ฉบับ 2"}
