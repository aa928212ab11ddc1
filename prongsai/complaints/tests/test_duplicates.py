"""Likely duplicates (issue #17): the pure rule, the officer's list, the
one-click merge, and the merged reporters kept informed."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.complaints import selectors, services, similarity
from prongsai.complaints.models import Case, CaseEntry, Status
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.complaints.tests.test_services import submit
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

LAMP = "ไฟถนนหน้าโรงเรียนบ้านดงดับสามต้น มืดมาก"
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def cand(pk, text=LAMP, lat=16.4, lon=102.8, **kw):
    return similarity.Candidate(pk, 7, text, lat, lon, **kw)


def metres_north(lat, metres):
    return lat + metres / 111_195


class TestRule:
    def test_same_spot_whatever_the_text(self):
        found = similarity.match(
            cand(1), cand(2, "เสาไฟล้ม", lat=metres_north(16.4, 40)), now=NOW
        )
        assert found.reason == similarity.SAME_SPOT
        assert 39 < found.distance_m < 41

    def test_very_similar_text_wherever_it_is(self):
        found = similarity.match(cand(1), cand(2, LAMP, lat=17.4), now=NOW)
        assert found.reason == similarity.SAME_WORDING
        assert found.distance_m > 100_000

    def test_nearby_with_alike_text(self):
        alike = "ไฟถนนหน้าโรงเรียนบ้านดงดับ ขอให้ซ่อม"
        assert 0.35 <= similarity.text_similarity(LAMP, alike) < 0.6
        near = cand(2, alike, lat=metres_north(16.4, 200))
        far = cand(3, alike, lat=metres_north(16.4, 400))
        assert similarity.match(cand(1), near, now=NOW).reason == (
            similarity.NEARBY_AND_ALIKE
        )
        assert similarity.match(cand(1), far, now=NOW) is None

    def test_without_points_the_place_texts_stand_for_nearness(self):
        alike = "ไฟถนนหน้าโรงเรียนบ้านดงดับ ขอให้ซ่อม"
        a = similarity.Candidate(1, 7, LAMP, location_text="หน้าโรงเรียนบ้านดง")
        b = similarity.Candidate(2, 7, alike, location_text="หน้าโรงเรียนบ้านดง หมู่ 5")
        c = similarity.Candidate(3, 7, alike, location_text="ตลาดสดเทศบาล")
        assert similarity.match(a, b, now=NOW).reason == similarity.NEARBY_AND_ALIKE
        assert similarity.match(a, c, now=NOW) is None

    def test_closed_cases_only_when_lately_resolved(self):
        lately = cand(2, is_open=False, resolved_at=NOW - datetime.timedelta(days=3))
        long_ago = cand(3, is_open=False, resolved_at=NOW - datetime.timedelta(days=30))
        rejected = cand(4, is_open=False)
        assert similarity.match(cand(1), lately, now=NOW) is not None
        assert similarity.match(cand(1), long_ago, now=NOW) is None
        assert similarity.match(cand(1), rejected, now=NOW) is None

    @settings(max_examples=200, deadline=None)
    @given(
        a=st.text(max_size=60),
        b=st.text(max_size=60),
        dlat=st.floats(-0.01, 0.01),
        dlon=st.floats(-0.01, 0.01),
        cat=st.integers(1, 3),
        is_open=st.booleans(),
    )
    def test_rule_properties(self, a, b, dlat, dlon, cat, is_open):
        me = similarity.Candidate(1, 1, a, 16.4, 102.8)
        other = similarity.Candidate(
            2, cat, b, 16.4 + dlat, 102.8 + dlon, is_open=is_open
        )
        found = similarity.match(me, other, now=NOW)
        sim = similarity.text_similarity(a, b)
        distance = similarity.distance_m(16.4, 102.8, 16.4 + dlat, 102.8 + dlon)
        expected = (
            cat == 1
            and is_open
            and (distance <= 50 or sim >= 0.6 or (distance <= 300 and sim >= 0.35))
        )
        assert (found is not None) == expected
        if found is not None:
            assert 0 <= found.score <= 1
            assert found.similarity == pytest.approx(sim)
        # Symmetric in the texts and the places.
        back = similarity.match(
            similarity.Candidate(2, cat, b, 16.4 + dlat, 102.8 + dlon),
            similarity.Candidate(1, 1, a, 16.4, 102.8),
            now=NOW,
        )
        assert (back is not None) == (
            expected
            or (
                not is_open
                and cat == 1
                and (distance <= 50 or sim >= 0.6 or (distance <= 300 and sim >= 0.35))
            )
        )

    @given(st.text(max_size=40))
    def test_a_case_never_duplicates_itself(self, text):
        assert similarity.match(cand(1, text), cand(1, text), now=NOW) is None


pytestmark_db = pytest.mark.django_db


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization, roles=[Role.COMPLAINT_OFFICER.value]
    ).user


@pytest.fixture
def lamps(organization):
    return CategoryFactory(organization=organization, name="ไฟฟ้าส่องสว่าง")


@pytestmark_db
class TestOfficersList:
    def test_within_fifty_metres_or_same_text(self, organization, lamps):
        first = submit(
            organization,
            category=lamps,
            subject="ไฟดับ",
            description=LAMP,
            latitude="16.400000",
            longitude="102.800000",
        )
        spot = submit(
            organization,
            category=lamps,
            subject="เสาไฟเอียง",
            description="เสาไฟเอียงจะล้ม",
            latitude="16.400300",
            longitude="102.800000",
        )
        same_text_far = submit(
            organization, category=lamps, subject="ไฟดับ", description=LAMP
        )
        unrelated = submit(
            organization,
            category=lamps,
            subject="ขยะ",
            description="ขยะล้นถังที่ตลาด",
            latitude="16.420000",
            longitude="102.800000",
        )
        found = {d.case: d.match for d in selectors.case_list_duplicates(case=first)}
        assert found[spot].reason == similarity.SAME_SPOT
        assert round(found[spot].distance_m) == 33
        assert found[same_text_far].reason == similarity.SAME_WORDING
        assert unrelated not in found

    def test_closed_long_ago_is_not_offered(self, organization, lamps):
        old = submit(organization, category=lamps, description=LAMP)
        Case.objects.filter(pk=old.pk).update(
            status=Status.RESOLVED, closed_at=timezone.now() - datetime.timedelta(10)
        )
        lately = submit(organization, category=lamps, description=LAMP)
        Case.objects.filter(pk=lately.pk).update(
            status=Status.RESOLVED, closed_at=timezone.now() - datetime.timedelta(2)
        )
        new = submit(organization, category=lamps, description=LAMP)
        found = [d.case for d in selectors.case_list_duplicates(case=new)]
        assert found == [lately]

    def test_staff_page_shows_distance_reason_and_merges_in_one_click(
        self,
        client,
        organization,
        lamps,
        officer,
    ):
        first = submit(
            organization,
            category=lamps,
            description=LAMP,
            latitude="16.400000",
            longitude="102.800000",
        )
        second = submit(
            organization,
            category=lamps,
            subject="เสาไฟ",
            description="เสาไฟเอียง",
            latitude="16.400300",
            longitude="102.800000",
        )
        client.force_login(officer)
        url = f"/{organization.slug}/staff/complaints/{second.pk}/"
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
        assert first.reference in html
        assert "33" in html
        assert f'name="into" value="{first.reference}"' in html
        response = client.post(
            f"/{organization.slug}/staff/complaints/{second.pk}/merge/",
            {"into": first.reference},
        )
        assert response.status_code == 302
        second.refresh_from_db()
        assert second.merged_into == first


@pytestmark_db
class TestMergedReportersInformed:
    @pytest.fixture
    def merged(self, organization, officer, lamps):
        first = submit(organization, category=lamps, complainant_email="a@example.org")
        second = submit(organization, category=lamps, complainant_email="b@example.org")
        return first, second

    def test_merge_message_goes_through_the_reporters_channel(
        self,
        merged,
        officer,
        django_capture_on_commit_callbacks,
    ):
        first, second = merged
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.case_merge(actor=officer, case=second, into=first)
        entry = second.entries.get(type=CaseEntry.Type.MERGE)
        assert entry.delivery == CaseEntry.Delivery.SENT
        assert [m.to for m in mail.outbox] == [["b@example.org"]]
        assert first.reference in mail.outbox[0].body

    def test_later_news_on_the_surviving_case_reaches_merged_reporters(
        self,
        merged,
        officer,
        django_capture_on_commit_callbacks,
    ):
        first, second = merged
        services.case_merge(actor=officer, case=second, into=first)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.case_change_status(
                actor=officer, case=first, status=Status.IN_PROGRESS, text="ช่างรับงานแล้ว"
            )
            services.case_reply(actor=officer, case=first, text="พรุ่งนี้ซ่อมเสร็จ")
        recipients = sorted(m.to[0] for m in mail.outbox)
        assert recipients == ["a@example.org"] * 2 + ["b@example.org"] * 2
        copies = second.entries.filter(copied_from__isnull=False)
        assert [c.copied_from.case_id for c in copies] == [first.pk, first.pk]
        assert all(c.delivery == CaseEntry.Delivery.SENT for c in copies)
        assert "ช่างรับงานแล้ว" in copies[0].text
        assert first.reference in copies[0].text

    def test_line_reporter_of_a_merged_case_hears_by_line(
        self,
        organization,
        officer,
        lamps,
    ):
        first = submit(organization, category=lamps)
        second = submit(organization, category=lamps)
        Case.objects.filter(pk=second.pk).update(channel="line", line_user_id="U1")
        second.refresh_from_db()
        services.case_merge(actor=officer, case=second, into=first)
        entry = second.entries.get(type=CaseEntry.Type.MERGE)
        assert entry.delivery == CaseEntry.Delivery.PENDING

    def test_merged_confidential_reports_get_no_copies(self, organization, officer):
        from prongsai.complaints import services_confidential

        a, _ = services_confidential.confidential_submit(
            organization=organization, description="x"
        )
        b, _ = services_confidential.confidential_submit(
            organization=organization, description="y"
        )
        services.case_merge(actor=officer, case=b, into=a)
        services.case_reply(actor=officer, case=a, text="ลับ")
        assert not b.entries.filter(copied_from__isnull=False).exists()
        assert b.entries.get(type=CaseEntry.Type.MERGE).delivery == (
            CaseEntry.Delivery.PAGE_ONLY
        )

    def test_tracking_page_of_a_merged_case_shows_the_surviving_progress(
        self,
        client,
        merged,
        officer,
    ):
        first, second = merged
        services.case_merge(actor=officer, case=second, into=first)
        services.case_reply(actor=officer, case=first, text="พรุ่งนี้ซ่อมเสร็จ")
        page = client.get(
            f"/{second.organization.slug}/complaints/track/{second.tracking_code}/"
        ).content.decode()
        assert 'id="surviving-progress"' in page
        # Shown once: under the surviving case, not again as the copy.
        assert page.count("พรุ่งนี้ซ่อมเสร็จ") == 1
