"""core.publications: published means frozen, numbered, withdrawable."""

import datetime
import hashlib

import pytest

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent, Publication
from prongsai.core.publications import (
    publication_current,
    publication_list,
    publication_publish,
    publication_withdraw,
    publications_current,
    says_the_same,
)
from prongsai.integrity.models import NoGiftAnnouncement

PDF = b"%PDF-1.7\nfake but starts like one\n"


def _announcement(organization, year=2569):
    return NoGiftAnnouncement.objects.create(
        organization=organization,
        fiscal_year=year,
        announced_on=datetime.date(2025, 10, 1),
        executive_name="นายสมชาย ใจดี",
        executive_position="นายกองค์การบริหารส่วนตำบลบ้านดง",
        body="ข้อความประกาศ",
    )


@pytest.mark.django_db
def test_publish_freezes_snapshot_pdf_and_publisher(organization, admin_membership):
    admin_membership.position = "ปลัดองค์การบริหารส่วนตำบล"
    admin_membership.save()
    subject = _announcement(organization)
    snapshot = {
        "title": "ประกาศ",
        "on": datetime.date(2025, 10, 1),
        "generated_at": "x",
    }

    first = publication_publish(
        actor=admin_membership.user,
        subject=subject,
        snapshot=snapshot,
        pdf=PDF,
        filename="no-gift-2569.pdf",
    )

    assert first.number == 1
    assert first.organization == organization
    assert first.snapshot == {
        "title": "ประกาศ",
        "on": "2025-10-01",
        "generated_at": "x",
    }
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert first.pdf.name.endswith("no-gift-2569-1.pdf")
    assert first.pdf.read() == PDF
    assert first.published_by_name == admin_membership.user.display_name
    assert "สมชาย ใจดี" in first.published_by_name
    assert first.published_by_position == "ปลัดองค์การบริหารส่วนตำบล"
    assert publication_current(subject) == first
    event = AuditEvent.objects.get(action="publication.publish")
    assert event.changes["publication"] == 1

    # The record changes; the public still reads the frozen copy.
    subject.body = "แก้ไขแล้ว"
    subject.save()
    assert publication_current(subject).snapshot["title"] == "ประกาศ"


@pytest.mark.django_db
def test_same_content_is_refused_and_a_change_adds_a_number(organization, admin_user):
    subject = _announcement(organization)
    publication_publish(
        actor=admin_user, subject=subject, snapshot={"a": 1, "generated_at": 1}
    )

    with pytest.raises(DomainError):
        # Only the build time differs: nothing to publish.
        publication_publish(
            actor=admin_user, subject=subject, snapshot={"a": 1, "generated_at": 2}
        )

    second = publication_publish(actor=admin_user, subject=subject, snapshot={"a": 2})
    assert second.number == 2
    assert [p.number for p in publication_list(subject)] == [2, 1]
    assert publication_current(subject) == second
    assert says_the_same(second, {"a": 2, "today": "2026-01-01"})
    assert not says_the_same(None, {"a": 2})


@pytest.mark.django_db
def test_withdraw_hides_and_republishing_the_same_content_is_allowed(
    organization, admin_user
):
    subject = _announcement(organization)
    publication_publish(actor=admin_user, subject=subject, snapshot={"a": 1})

    withdrawn = publication_withdraw(actor=admin_user, subject=subject)

    assert withdrawn.withdrawn_at is not None
    assert publication_current(subject) is None
    with pytest.raises(DomainError):
        publication_withdraw(actor=admin_user, subject=subject)
    again = publication_publish(actor=admin_user, subject=subject, snapshot={"a": 1})
    assert again.number == 2
    assert publication_current(subject) == again


@pytest.mark.django_db
def test_not_a_pdf_is_refused_and_nothing_is_stored(organization, admin_user):
    subject = _announcement(organization)
    with pytest.raises(DomainError):
        publication_publish(
            actor=admin_user, subject=subject, snapshot={}, pdf=b"<html>"
        )
    assert not Publication.objects.for_organization(organization).exists()


@pytest.mark.django_db
def test_current_of_many_in_one_query_and_per_organisation(
    organization, other_organization, admin_user, django_assert_num_queries
):
    ours = [_announcement(organization, year) for year in (2567, 2568, 2569)]
    theirs = _announcement(other_organization, 2569)
    publication_publish(actor=None, subject=ours[0], snapshot={"v": 1})
    publication_publish(actor=None, subject=ours[0], snapshot={"v": 2})
    publication_publish(actor=None, subject=ours[1], snapshot={"v": 1})
    publication_withdraw(actor=None, subject=ours[1])
    publication_publish(actor=None, subject=theirs, snapshot={"v": 9})

    with django_assert_num_queries(1):
        current = publications_current(
            organization, NoGiftAnnouncement, [a.pk for a in ours] + [theirs.pk]
        )

    assert {pk: p.snapshot for pk, p in current.items()} == {ours[0].pk: {"v": 2}}
    assert publication_current(theirs).snapshot == {"v": 9}
    assert publication_current(theirs).organization == other_organization
