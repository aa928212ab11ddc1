"""No Gift Policy: the executive's announcement, culture-building activities,
gifts received by custom (or the explicit "none"), their pages and OIT evidence."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.integrity import oit_evidence as providers
from prongsai.integrity import selectors, services
from prongsai.integrity.models import (
    GiftNilStatement,
    GiftReport,
    NoGiftActivity,
    NoGiftAnnouncement,
)
from prongsai.oit.registry import provider_get
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

YEAR = 2569


def staff_url(name, organization, **kwargs):
    return reverse(
        f"integrity-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


@pytest.fixture
def integrity(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
        position="นิติกร",
    )


def announce(organization, actor, *, publish=True, **extra):
    values = selectors.no_gift_announcement_get_initial(
        organization=organization, fiscal_year=YEAR
    )
    values.pop("fiscal_year")
    values["announced_on"] = datetime.date(2025, 10, 15)
    values["executive_name"] = values["executive_name"] or "สมปอง ใจดี"
    values["executive_position"] = values["executive_position"] or "นายก"
    values.update(extra)
    announcement = services.no_gift_announcement_create(
        actor=actor, organization=organization, fiscal_year=YEAR, **values
    )
    if publish:
        announcement = services.no_gift_announcement_publish(
            actor=actor, announcement=announcement
        )
    return announcement


def add_activity(organization, actor, **extra):
    values = {
        "held_on": datetime.date(2026, 2, 10),
        "title": "อบรมหลักเกณฑ์การรับทรัพย์สินโดยธรรมจรรยา ตามประกาศ ป.ป.ช. พ.ศ. 2563",
        "kind": NoGiftActivity.Kind.TRAINING,
        "covers_gift_rules": True,
        "participants": 35,
    }
    values.update(extra)
    return services.no_gift_activity_create(
        actor=actor, organization=organization, **values
    )


def report_gift(organization, reporter, *, actor=None, **extra):
    values = {
        "received_on": datetime.date(2026, 1, 5),
        "giver": "นายสมหมาย ผู้รับเหมา",
        "relationship": "ผู้ประกอบการในพื้นที่",
        "description": "กระเช้าผลไม้ปีใหม่",
        "value": Decimal("1500"),
        "action": GiftReport.Action.KEPT,
    }
    values.update(extra)
    return services.gift_report_create(
        actor=actor or reporter.user,
        organization=organization,
        reporter=reporter,
        **values,
    )


# --- services -----------------------------------------------------------------------


class TestAnnouncement:
    def test_prefilled_from_the_executive_member(self, organization, executive):
        initial = selectors.no_gift_announcement_get_initial(
            organization=organization, fiscal_year=YEAR
        )
        assert initial["executive_name"] == "นายประเสริฐ ศรีสุข"
        assert initial["executive_position"] == "นายกองค์การบริหารส่วนตำบลบ้านดง"
        assert "จะไม่รับ และไม่ให้ ของขวัญ" in initial["body"]
        assert "ปีงบประมาณ พ.ศ. 2569" in initial["body"]
        assert organization.name in initial["body"]

    def test_create_publish_and_audit(self, organization, coordinator, executive):
        announcement = announce(organization, coordinator.user)
        assert announcement.published_at is not None
        actions = list(
            AuditEvent.objects.filter(organization=organization)
            .order_by("id")
            .values_list("action", flat=True)
        )
        assert actions[-2:] == ["no_gift.create", "no_gift.publish"]

    def test_one_per_organisation_and_year(self, organization, coordinator, executive):
        announce(organization, coordinator.user, publish=False)
        with pytest.raises(DomainError) as error:
            announce(organization, coordinator.user, publish=False)
        assert error.value.field == "fiscal_year"
        assert NoGiftAnnouncement.objects.count() == 1

    def test_announced_after_the_year_is_refused(self, organization, coordinator):
        with pytest.raises(DomainError) as error:
            announce(
                organization,
                coordinator.user,
                publish=False,
                announced_on=datetime.date(2026, 10, 1),
            )
        assert error.value.field == "announced_on"

    def test_unpublish(self, organization, coordinator, executive):
        announcement = announce(organization, coordinator.user)
        services.no_gift_announcement_publish(
            actor=coordinator.user, announcement=announcement, publish=False
        )
        announcement.refresh_from_db()
        assert announcement.published_at is None


class TestActivities:
    def test_the_date_sets_the_fiscal_year(self, organization, coordinator):
        activity = add_activity(
            organization, coordinator.user, held_on=datetime.date(2025, 10, 1)
        )
        assert activity.fiscal_year == 2569
        services.no_gift_activity_update(
            actor=coordinator.user,
            activity=activity,
            held_on=datetime.date(2025, 9, 30),
            title=activity.title,
            kind=activity.kind,
        )
        activity.refresh_from_db()
        assert activity.fiscal_year == 2568

    def test_future_date_refused(self, organization, coordinator):
        with pytest.raises(DomainError):
            add_activity(
                organization,
                coordinator.user,
                held_on=datetime.date.today() + datetime.timedelta(days=3),
            )


class TestGiftReports:
    def test_member_reports_own_gift(self, organization, member):
        report = report_gift(organization, member)
        assert report.fiscal_year == 2569
        assert not report.flagged

    def test_negative_value_refused(self, organization, member):
        with pytest.raises(DomainError) as error:
            report_gift(organization, member, value=Decimal("-1"))
        assert error.value.field == "value"

    def test_above_3000_and_kept_is_flagged(self, organization, member):
        kept = report_gift(organization, member, value=Decimal("3000.01"))
        assert kept.flagged
        returned = report_gift(
            organization,
            member,
            value=Decimal("5000"),
            action=GiftReport.Action.RETURNED,
        )
        assert returned.over_limit and not returned.flagged
        at_limit = report_gift(organization, member, value=Decimal("3000"))
        assert not at_limit.flagged
        summary = selectors.gift_summary_get(
            organization=organization, fiscal_year=YEAR
        )
        assert summary.flagged == 1
        assert summary.count == 3
        assert summary.total == Decimal("11000.01")

    def test_member_cannot_report_for_someone_else(self, organization, member, owner):
        with pytest.raises(DomainError):
            report_gift(organization, owner, actor=member.user)

    def test_manager_records_for_a_member(self, organization, integrity, owner):
        report = report_gift(organization, owner, actor=integrity.user)
        assert report.reporter == owner

    def test_reporter_of_another_organisation_refused(
        self, organization, other_organization, coordinator
    ):
        stranger = MembershipFactory(
            organization=other_organization, roles=[Role.STAFF.value]
        )
        with pytest.raises(DomainError) as error:
            report_gift(organization, stranger, actor=coordinator.user)
        assert error.value.field == "reporter"


class TestNilStatement:
    def test_recorded_by_the_integrity_officer(self, organization, integrity):
        statement = services.gift_nil_statement_record(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        assert statement.stated_by_position == "นิติกร"

    def test_conflicts_with_existing_reports(self, organization, integrity, member):
        report_gift(organization, member)
        with pytest.raises(DomainError) as error:
            services.gift_nil_statement_record(
                actor=integrity.user, organization=organization, fiscal_year=YEAR
            )
        assert "2569" in error.value.message
        assert not GiftNilStatement.objects.exists()

    def test_a_later_report_withdraws_it(self, organization, integrity, member):
        services.gift_nil_statement_record(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        report_gift(organization, member)
        assert not GiftNilStatement.objects.exists()
        assert AuditEvent.objects.filter(action="gift_nil.withdraw").exists()

    def test_only_once_a_year(self, organization, integrity):
        services.gift_nil_statement_record(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        with pytest.raises(DomainError):
            services.gift_nil_statement_record(
                actor=integrity.user, organization=organization, fiscal_year=YEAR
            )


# --- permissions and pages ------------------------------------------------------------


class TestBackOffice:
    def test_member_files_own_report_and_sees_only_own(
        self, client, organization, member, owner
    ):
        report_gift(organization, owner, description="ของขวัญของคนอื่น")
        client.force_login(member.user)
        response = client.post(
            staff_url("gift-report-create", organization),
            {
                "reporter": owner.pk,  # ignored: the field is fixed to the member
                "received_on": "2026-01-05",
                "giver": "ญาติผู้ใหญ่",
                "description": "ผ้าไหมของฝาก",
                "value": "800",
                "action": GiftReport.Action.KEPT,
            },
        )
        assert response.status_code == 302
        mine = GiftReport.objects.get(description="ผ้าไหมของฝาก")
        assert mine.reporter == member
        page = client.get(staff_url("no-gift", organization) + "?year=2569")
        assert page.status_code == 200
        assert "ผ้าไหมของฝาก" in page.content.decode()
        assert "ของขวัญของคนอื่น" not in page.content.decode()

    def test_manager_and_executive_see_all(
        self, client, organization, integrity, executive, owner
    ):
        report_gift(organization, owner, description="กระเช้าผลไม้ปีใหม่")
        for membership in (integrity, executive):
            client.force_login(membership.user)
            page = client.get(staff_url("no-gift", organization) + "?year=2569")
            assert "กระเช้าผลไม้ปีใหม่" in page.content.decode()

    def test_flagged_report_warns(self, client, organization, member):
        client.force_login(member.user)
        response = client.post(
            staff_url("gift-report-create", organization),
            {
                "received_on": "2026-01-05",
                "giver": "ผู้ประกอบการ",
                "description": "นาฬิกา",
                "value": "4500",
                "action": GiftReport.Action.KEPT,
            },
            follow=True,
        )
        text = response.content.decode()
        assert "3,000" in text
        assert GiftReport.objects.get().flagged

    def test_members_do_not_manage(self, client, organization, member, coordinator):
        announcement = announce(organization, coordinator.user, publish=False)
        client.force_login(member.user)
        for name, kwargs in (
            ("no-gift-announcement-create", {}),
            ("no-gift-activity-create", {}),
            ("no-gift-announcement-edit", {"pk": announcement.pk}),
        ):
            assert (
                client.get(staff_url(name, organization, **kwargs)).status_code == 403
            )
        assert (
            client.post(staff_url("gift-nil-statement", organization)).status_code
            == 403
        )
        assert (
            client.post(
                staff_url(
                    "no-gift-announcement-publish", organization, pk=announcement.pk
                )
            ).status_code
            == 403
        )

    def test_executive_reads_but_does_not_manage(self, client, organization, executive):
        client.force_login(executive.user)
        assert client.get(staff_url("no-gift", organization)).status_code == 200
        assert (
            client.get(staff_url("no-gift-activity-create", organization)).status_code
            == 403
        )

    def test_coordinator_prepares_with_the_prefilled_text(
        self, client, organization, coordinator, executive
    ):
        client.force_login(coordinator.user)
        page = client.get(
            staff_url("no-gift-announcement-create", organization) + "?year=2569"
        )
        assert page.status_code == 200
        assert "ประเสริฐ ศรีสุข" in page.content.decode()
        response = client.post(
            staff_url("no-gift-announcement-create", organization),
            {
                "year": "2569",
                "announced_on": "2025-10-15",
                "executive_name": "ประเสริฐ ศรีสุข",
                "executive_position": "นายกองค์การบริหารส่วนตำบลบ้านดง",
                "body": "ประกาศเจตนารมณ์",
            },
        )
        assert response.status_code == 302
        assert NoGiftAnnouncement.objects.get().fiscal_year == 2569

    def test_other_organisations_announcement_is_404(
        self, client, organization, other_organization, coordinator
    ):
        other = NoGiftAnnouncement.objects.create(
            organization=other_organization,
            fiscal_year=YEAR,
            announced_on=datetime.date(2025, 10, 15),
            executive_name="นายก",
            executive_position="นายกเทศมนตรี",
            body="ประกาศ",
        )
        client.force_login(coordinator.user)
        assert (
            client.get(
                staff_url("no-gift-announcement-edit", organization, pk=other.pk)
            ).status_code
            == 404
        )


class TestPublicPage:
    def test_anonymous_sees_counts_not_names(
        self, client, organization, coordinator, executive, owner
    ):
        announce(organization, coordinator.user)
        add_activity(organization, coordinator.user)
        report_gift(organization, owner, value=Decimal("1500"))
        report_gift(
            organization,
            owner,
            value=Decimal("4000"),
            action=GiftReport.Action.RETURNED,
        )
        response = client.get(
            reverse(
                "integrity-public:no-gift-year",
                kwargs={"org": organization.slug, "fiscal_year": YEAR},
            )
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert "ประเสริฐ ศรีสุข" in text  # the executive who announced
        assert "อบรมหลักเกณฑ์การรับทรัพย์สิน" in text
        assert "5,500.00" in text
        assert "4,000.00" in text
        assert owner.user.display_name not in text
        assert "นายสมหมาย ผู้รับเหมา" not in text  # nor the givers
        assert "กระเช้าผลไม้ปีใหม่" not in text

    def test_unpublished_year_is_404(self, client, organization, coordinator):
        announce(organization, coordinator.user, publish=False)
        url = reverse(
            "integrity-public:no-gift-year",
            kwargs={"org": organization.slug, "fiscal_year": YEAR},
        )
        assert client.get(url).status_code == 404

    def test_no_year_url_answers(self, client, organization):
        url = reverse("integrity-public:no-gift", kwargs={"org": organization.slug})
        assert client.get(url).status_code == 200

    def test_nil_statement_shown(self, client, organization, coordinator, integrity):
        announce(organization, coordinator.user)
        services.gift_nil_statement_record(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        url = reverse(
            "integrity-public:no-gift-year",
            kwargs={"org": organization.slug, "fiscal_year": YEAR},
        )
        assert "ไม่มีการรับทรัพย์สิน" in client.get(url).content.decode()


# --- OIT evidence -------------------------------------------------------------------


def _check(result, index):
    (check,) = [c for c in result.checks if c.requirement_index == index]
    return check


def _by_index(result):
    found = {}
    for check in result.checks:
        found.setdefault(check.requirement_index, []).append(check)
    return found


class TestProvider:
    def test_registered(self):
        assert provider_get("plans.no_gift") is not None
        assert provider_get("plans.gift_reports") is not None

    def test_nothing_yet_is_a_placeholder(self, organization):
        result = providers.no_gift_evidence(organization, YEAR)
        assert result.placeholder
        assert result.url == "/bandong/integrity/no-gift/"
        messages = [c.message_th for c in result.checks if not c.passed]
        assert messages == [
            "ยังไม่มีประกาศเจตนารมณ์ No Gift Policy ของปีงบประมาณ พ.ศ. 2569",
            "ยังไม่มีกิจกรรมสร้างวัฒนธรรม No Gift ในปีงบประมาณ พ.ศ. 2569 "
            "(การประชุม การฝึกอบรม การรณรงค์ หรือหนังสือเวียน อย่างน้อย 1 กิจกรรม)",
            "ยังไม่มีกิจกรรมเสริมสร้างความรู้เรื่องหลักเกณฑ์การรับทรัพย์สิน"
            "หรือประโยชน์อื่นใดโดยธรรมจรรยา (ประกาศคณะกรรมการ ป.ป.ช. พ.ศ. 2563) "
            "ในปีงบประมาณ พ.ศ. 2569",
            "ยังไม่มีรายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา"
            "ของปีงบประมาณ พ.ศ. 2569 (หากไม่มีการรับ ให้บันทึกว่าไม่มี)",
        ]

    def test_unpublished_announcement_fails(self, organization, coordinator, executive):
        announce(organization, coordinator.user, publish=False)
        result = providers.no_gift_evidence(organization, YEAR)
        assert result.placeholder
        assert _by_index(result)[0][0].message_th == (
            "ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ พ.ศ. 2569 ยังไม่ได้เผยแพร่บนเว็บไซต์"
        )

    def test_announced_by_a_former_executive_fails(
        self, organization, coordinator, executive
    ):
        announce(organization, coordinator.user, executive_name="สมปอง อดีตนายก")
        check = _by_index(providers.no_gift_evidence(organization, YEAR))[0][0]
        assert not check.passed
        assert check.message_th == (
            "ผู้ประกาศ (สมปอง อดีตนายก) ไม่ใช่ผู้บริหารสูงสุดคนปัจจุบัน "
            "(นายประเสริฐ ศรีสุข) ต้องประกาศใหม่โดยผู้บริหารคนปัจจุบัน"
        )

    def test_2569_passes_with_announcement_activity_and_reports(
        self, organization, coordinator, executive, owner
    ):
        announce(organization, coordinator.user)
        add_activity(organization, coordinator.user)
        report_gift(organization, owner)
        result = providers.no_gift_evidence(organization, YEAR)
        assert result.passed
        assert not result.placeholder
        assert result.url == "/bandong/integrity/no-gift/2569/"
        checks = _by_index(result)
        assert sorted(checks) == [0, 1]
        assert checks[0][0].message_th == (
            "ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ พ.ศ. 2569 "
            "โดยนายประเสริฐ ศรีสุข (นายกองค์การบริหารส่วนตำบลบ้านดง) "
            "ลงวันที่ 15 ตุลาคม 2568"
        )
        assert checks[0][1].message_th.startswith(
            "กิจกรรมสร้างวัฒนธรรม No Gift ปีงบประมาณ พ.ศ. 2569 1 กิจกรรม: อบรม"
        )
        assert checks[1][0].message_th.startswith(
            "เสริมสร้างความรู้เรื่องหลักเกณฑ์การรับทรัพย์สินฯ: อบรมหลักเกณฑ์"
        )
        assert checks[1][1].message_th == (
            "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา "
            "ปีงบประมาณ พ.ศ. 2569: 1 รายการ มูลค่ารวม 1,500.00 บาท"
        )

    def test_2569_awareness_needs_an_activity_on_the_gift_rules(
        self, organization, coordinator, executive, owner
    ):
        announce(organization, coordinator.user)
        add_activity(
            organization,
            coordinator.user,
            title="รณรงค์ No Gift",
            kind=NoGiftActivity.Kind.CAMPAIGN,
            covers_gift_rules=False,
        )
        report_gift(organization, owner)
        result = providers.no_gift_evidence(organization, YEAR)
        assert [c.passed for c in _by_index(result)[1]] == [False, True]
        assert [c.passed for c in _by_index(result)[0]] == [True, True]
        assert not result.passed

    def test_explicit_none_passes_the_gift_requirement(self, organization, integrity):
        services.gift_nil_statement_record(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        check = _check(providers.gift_report_evidence(organization, YEAR), 0)
        assert check.passed
        assert check.message_th == (
            "ระบุอย่างชัดเจนว่าไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา"
            "ในปีงบประมาณ พ.ศ. 2569"
        )

    def test_2568_activity_is_the_second_requirement_and_no_gift_check(
        self, organization, coordinator
    ):
        add_activity(organization, coordinator.user, held_on=datetime.date(2025, 3, 1))
        result = providers.no_gift_evidence(organization, 2568)
        assert sorted(_by_index(result)) == [0, 1]
        assert _check(result, 1).passed
        assert len(result.checks) == 2  # gifts are the separate item O22 in 2568


def test_a_bare_nayok_position_names_the_organisation(organization):
    mayor = MembershipFactory(
        organization=organization, roles=[Role.EXECUTIVE.value], position="นายก"
    )
    MembershipFactory(
        organization=organization, roles=[Role.EXECUTIVE.value], position="ปลัด อบต."
    )
    initial = selectors.no_gift_announcement_get_initial(
        organization=organization, fiscal_year=YEAR
    )
    assert initial["executive_name"] == mayor.user.display_name
    assert initial["executive_position"] == "นายกองค์การบริหารส่วนตำบลบ้านดง"


def test_public_plan_list_links_to_the_no_gift_page(client, organization):
    response = client.get(
        reverse("plans-public:plan-list", kwargs={"org": organization.slug})
    )
    assert 'href="/bandong/integrity/no-gift/"' in response.content.decode()


# --- the pages were under plans before --------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/bandong/plans/no-gift/", "/bandong/integrity/no-gift/"),
        ("/bandong/plans/no-gift/2569/", "/bandong/integrity/no-gift/2569/"),
        (
            "/bandong/staff/plans/no-gift/?year=2569",
            "/bandong/staff/integrity/no-gift/?year=2569",
        ),
        (
            "/bandong/staff/plans/no-gift/gifts/new/",
            "/bandong/staff/integrity/no-gift/gifts/new/",
        ),
    ],
)
def test_old_addresses_redirect_permanently(client, organization, member, old, new):
    client.force_login(member.user)
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)


def test_old_back_office_address_is_404_for_outsiders(
    client, organization, other_organization, member
):
    client.force_login(member.user)
    url = f"/{other_organization.slug}/staff/plans/no-gift/"
    assert client.get(url).status_code == 404
    assert client.get("/no-such-org/plans/no-gift/").status_code == 404
