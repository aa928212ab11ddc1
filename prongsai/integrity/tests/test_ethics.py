"""Ethics registers: code versions and acknowledgements, the working group,
Dos & Don'ts, activities, permissions, tenancy, the OIT provider, the frozen
publication and the report documents."""

import datetime
import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.core.tests.test_pdf_text import assert_reads_back, rendered  # noqa: F401
from prongsai.integrity import oit_evidence as providers
from prongsai.integrity import selectors_ethics as selectors
from prongsai.integrity import services_ethics as services
from prongsai.integrity import services_ethics_guides as guides
from prongsai.integrity import services_ethics_publication as publication
from prongsai.integrity.documents_ethics import ethics_report_docx, ethics_report_pdf
from prongsai.integrity.models import (
    EthicsAcknowledgement,
    EthicsActivity,
    EthicsDocument,
    EthicsGuideItem,
    EthicsWorkingGroupMember,
)
from prongsai.oit.registry import provider_get
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

YEAR = 2569
CODE = EthicsDocument.Kind.CODE


def staff_url(name, organization, **kwargs):
    return reverse(
        f"integrity-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


def public_url(name, organization, **kwargs):
    return reverse(
        f"integrity-public:{name}", kwargs={"org": organization.slug, **kwargs}
    )


@pytest.fixture
def integrity(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True, full_name="วีระพงษ์ สุจริต"),
        roles=[Role.INTEGRITY_OFFICER.value],
        position="นิติกร",
    )


@pytest.fixture
def hr(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="สุดารัตน์ ใจดี"),
        roles=[Role.HR_OFFICER.value],
        position="นักทรัพยากรบุคคล",
    )


def add_code(organization, actor, version="ฉบับที่ 1", on=datetime.date(2025, 10, 1)):
    return services.ethics_document_create(
        actor=actor,
        organization=organization,
        kind=CODE,
        title="ประมวลจริยธรรมของพนักงานส่วนตำบล",
        version_label=version,
        effective_from=on,
        text="ข้อ 1 ซื่อสัตย์สุจริต",
    )


def add_group(organization, actor, *, members=2, **extra):
    values = {"order_number": "512/2568", "ordered_on": datetime.date(2025, 10, 15)}
    group = services.ethics_working_group_create(
        actor=actor, organization=organization, **(values | extra)
    )
    roles = ["chair", "member", "secretary"]
    for n in range(members):
        services.ethics_working_group_member_add(
            actor=actor,
            group=group,
            name=f"คณะทำงานคนที่ {n + 1}",
            position="นิติกร",
            role=roles[min(n, 2)],
        )
    return group


def add_guide(organization, actor, **extra):
    values = {
        "title": "คู่มือ Dos & Don'ts พื้นที่สีเทา",
        "published_on": datetime.date(2025, 11, 1),
        "dos": "ปฏิเสธของขวัญอย่างสุภาพ\nแจ้งผู้บังคับบัญชา",
        "donts": "รับการเลี้ยงรับรอง",
    }
    return guides.ethics_guide_create(
        actor=actor, organization=organization, **(values | extra)
    )


def add_activity(organization, actor, **extra):
    values = {
        "held_on": datetime.date(2026, 1, 20),
        "title": "พิธีกล่าวปฏิญาณตนด้านคุณธรรมจริยธรรม",
        "kind": EthicsActivity.Kind.OATH,
        "participants": 40,
    }
    return guides.ethics_activity_create(
        actor=actor, organization=organization, **(values | extra)
    )


def full_year(organization, actor):
    code = add_code(organization, actor)
    services.ethics_document_create(
        actor=actor,
        organization=organization,
        kind=EthicsDocument.Kind.PROCESS,
        title="ข้อกำหนดว่าด้วยกระบวนการรักษาจริยธรรม",
        version_label="พ.ศ. 2568",
        effective_from=datetime.date(2025, 10, 1),
        text="ข้อ 1 ให้ปลัดควบคุมกำกับ",
    )
    add_group(organization, actor)
    add_guide(organization, actor)
    add_activity(organization, actor)
    return code


# --- the code of ethics ---


class TestDocuments:
    def test_new_version_supersedes_and_history_is_kept(self, organization, integrity):
        first = add_code(
            organization, integrity.user, "ฉบับที่ 1", datetime.date(2020, 1, 1)
        )
        second = add_code(
            organization, integrity.user, "ฉบับที่ 2", datetime.date(2025, 10, 1)
        )
        in_force = selectors.ethics_document_get_in_force(
            organization=organization, kind=CODE
        )
        assert in_force == second
        assert (
            selectors.ethics_document_get_in_force(
                organization=organization, kind=CODE, on=datetime.date(2025, 9, 30)
            )
            == first
        )
        assert selectors.ethics_document_list(organization=organization, kind=CODE) == [
            second,
            first,
        ]
        assert AuditEvent.objects.filter(action="ethics_document.create").count() == 2

    def test_text_or_file_required_and_versions_unique(self, organization, integrity):
        with pytest.raises(DomainError) as error:
            services.ethics_document_create(
                actor=integrity.user,
                organization=organization,
                kind=CODE,
                title="ประมวลจริยธรรม",
                version_label="1",
                effective_from=datetime.date(2025, 10, 1),
            )
        assert error.value.field == "text"
        add_code(organization, integrity.user, "1")
        with pytest.raises(DomainError) as error:
            add_code(organization, integrity.user, "1")
        assert error.value.field == "version_label"

    def test_signed_pdf_alone_is_enough(self, organization, integrity):
        document = services.ethics_document_create(
            actor=integrity.user,
            organization=organization,
            kind=CODE,
            title="ประมวลจริยธรรม",
            version_label="1",
            effective_from=datetime.date(2025, 10, 1),
            file=SimpleUploadedFile("code.pdf", b"%PDF-1.4 code"),
        )
        assert document.file.name.endswith(".pdf")
        services.ethics_document_update(
            actor=integrity.user,
            document=document,
            title="ประมวลจริยธรรม (แก้ไข)",
            version_label="1",
            effective_from=datetime.date(2025, 10, 1),
            file=document.file,
        )
        document.refresh_from_db()
        assert document.title == "ประมวลจริยธรรม (แก้ไข)"


# --- acknowledgements ---


class TestAcknowledgement:
    def test_once_per_version_and_a_new_version_asks_again(
        self, organization, integrity, member
    ):
        first = add_code(organization, integrity.user, "1", datetime.date(2020, 1, 1))
        assert (
            selectors.ethics_acknowledgement_pending(
                organization=organization, membership=member
            )
            == first
        )
        ack = services.ethics_acknowledge(
            actor=member.user, organization=organization, document=first
        )
        assert ack.membership == member and ack.acknowledged_at is not None
        assert (
            selectors.ethics_acknowledgement_pending(
                organization=organization, membership=member
            )
            is None
        )
        with pytest.raises(DomainError, match="รับทราบประมวลจริยธรรมฉบับนี้แล้ว"):
            services.ethics_acknowledge(
                actor=member.user, organization=organization, document=first
            )
        second = add_code(organization, integrity.user, "2", datetime.date(2025, 10, 1))
        assert (
            selectors.ethics_acknowledgement_pending(
                organization=organization, membership=member
            )
            == second
        )
        with pytest.raises(DomainError, match="ฉบับที่ใช้บังคับอยู่"):
            services.ethics_acknowledge(
                actor=integrity.user, organization=organization, document=first
            )
        services.ethics_acknowledge(
            actor=member.user, organization=organization, document=second
        )
        assert EthicsAcknowledgement.objects.filter(membership=member).count() == 2

    def test_future_version_and_outsiders_are_refused(
        self, organization, other_organization, integrity
    ):
        code = add_code(organization, integrity.user, "1", datetime.date(2020, 1, 1))
        future = add_code(organization, integrity.user, "2", datetime.date(2099, 1, 1))
        with pytest.raises(DomainError):
            services.ethics_acknowledge(
                actor=integrity.user, organization=organization, document=future
            )
        outsider = MembershipFactory(organization=other_organization)
        with pytest.raises(DomainError, match="ยังปฏิบัติงานอยู่"):
            services.ethics_acknowledge(
                actor=outsider.user, organization=organization, document=code
            )

    def test_statistics_are_exact(self, organization, integrity, member, hr):
        code = add_code(organization, integrity.user)
        gone = MembershipFactory(organization=organization)
        for membership in (member, gone):
            services.ethics_acknowledge(
                actor=membership.user, organization=organization, document=code
            )
        gone.is_active = False
        gone.save()
        stats = selectors.ethics_acknowledgement_stats(
            organization=organization, document=code
        )
        # integrity, member and hr are active; the one who left is not counted.
        assert (stats.acknowledged, stats.members, stats.pending) == (1, 3, 2)
        assert stats.percent == 33
        rows = selectors.ethics_acknowledgement_list_rows(
            organization=organization, document=code
        )
        assert [r.acknowledgement is not None for r in rows] == [False, False, True]

    def test_one_click_on_the_page_and_the_prompt(
        self, client, organization, integrity, member
    ):
        code = add_code(organization, integrity.user)
        client.force_login(member.user)
        page = client.get(staff_url("no-gift", organization)).content.decode()
        assert 'id="ethics-prompt"' in page
        response = client.post(
            staff_url("ethics-acknowledge", organization), {"document": code.pk}
        )
        assert response.status_code == 302
        assert EthicsAcknowledgement.objects.filter(
            membership=member, document=code
        ).exists()
        page = client.get(staff_url("ethics", organization)).content.decode()
        assert 'id="ethics-prompt"' not in page
        assert "You acknowledged" in page or "รับทราบ" in page


# --- working group, guidance, activities ---


class TestRecords:
    def test_working_group_of_the_year(self, organization, integrity):
        old = add_group(
            organization,
            integrity.user,
            order_number="1/2566",
            ordered_on=datetime.date(2022, 10, 1),
            effective_until=datetime.date(2024, 9, 30),
        )
        group = add_group(organization, integrity.user, members=3)
        assert (
            selectors.ethics_working_group_get_for_year(
                organization=organization, fiscal_year=2569
            )
            == group
        )
        assert (
            selectors.ethics_working_group_get_for_year(
                organization=organization, fiscal_year=2567
            )
            == old
        )
        assert (
            selectors.ethics_working_group_get_for_year(
                organization=organization, fiscal_year=2568
            )
            is None
        )
        assert [m.role for m in group.members.all()] == ["chair", "member", "secretary"]
        assert group.effective_from == group.ordered_on
        with pytest.raises(DomainError) as error:
            add_group(
                organization,
                integrity.user,
                effective_until=datetime.date(2025, 1, 1),
            )
        assert error.value.field == "effective_until"
        member = group.members.first()
        services.ethics_working_group_member_remove(actor=integrity.user, member=member)
        assert not EthicsWorkingGroupMember.objects.filter(pk=member.pk).exists()

    def test_guide_pairs_lines(self, organization, integrity):
        guide = add_guide(organization, integrity.user)
        assert [(i.do, i.dont) for i in guide.items.all()] == [
            ("ปฏิเสธของขวัญอย่างสุภาพ", "รับการเลี้ยงรับรอง"),
            ("แจ้งผู้บังคับบัญชา", ""),
        ]
        guides.ethics_guide_update(
            actor=integrity.user,
            guide=guide,
            title=guide.title,
            published_on=guide.published_on,
            dos="ข้อเดียว",
            donts="ไม่ควร",
        )
        assert EthicsGuideItem.objects.filter(guide=guide).count() == 1
        with pytest.raises(DomainError) as error:
            add_guide(organization, integrity.user, dos="", donts="")
        assert error.value.field == "dos"
        link_only = add_guide(
            organization, integrity.user, dos="", donts="", url="https://e.org/g"
        )
        assert not link_only.items.exists()

    def test_activity_year_participants_and_counts(
        self, organization, other_organization, integrity, member, hr
    ):
        activity = add_activity(
            organization,
            integrity.user,
            participants=None,
            participant_members=[member, hr],
        )
        assert (activity.fiscal_year, activity.participants) == (2569, 2)
        with pytest.raises(DomainError) as error:
            add_activity(
                organization,
                integrity.user,
                participants=1,
                participant_members=[member, hr],
            )
        assert error.value.field == "participants"
        outsider = MembershipFactory(organization=other_organization)
        with pytest.raises(DomainError) as error:
            add_activity(organization, integrity.user, participant_members=[outsider])
        assert error.value.field == "participant_members"
        with pytest.raises(DomainError) as error:
            add_activity(
                organization, integrity.user, held_on=datetime.date(2099, 1, 1)
            )
        assert error.value.field == "held_on"
        with pytest.raises(DomainError) as error:
            add_activity(
                organization,
                integrity.user,
                photo=SimpleUploadedFile("a.jpg", b"not a picture"),
            )
        assert error.value.field == "photo"
        add_activity(organization, integrity.user, kind=EthicsActivity.Kind.COI)
        add_activity(
            organization, integrity.user, held_on=datetime.date(2025, 9, 1)
        )  # FY2568
        assert selectors.ethics_activity_count(organization, 2569) == 2
        assert selectors.ethics_activity_kind_counts(
            organization=organization, fiscal_year=2569
        ) == {"oath": 1, "coi": 1}

    def test_photo_is_kept(self, organization, integrity):
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
        activity = add_activity(
            organization,
            integrity.user,
            photo=SimpleUploadedFile("p.png", buffer.getvalue()),
        )
        assert activity.photo.name.endswith(".png")


# --- permissions and tenancy ---


class TestPermissions:
    def test_members_read_and_acknowledge_but_do_not_manage(
        self, client, organization, integrity, member
    ):
        add_code(organization, integrity.user)
        activity = add_activity(organization, integrity.user)
        client.force_login(member.user)
        assert client.get(staff_url("ethics", organization)).status_code == 200
        for name, kwargs in (
            ("ethics-document-create", {}),
            ("ethics-group-create", {}),
            ("ethics-guide-create", {}),
            ("ethics-activity-create", {}),
            ("ethics-activity-edit", {"pk": activity.pk}),
            ("ethics-acknowledgements", {}),
        ):
            assert (
                client.get(staff_url(name, organization, **kwargs)).status_code == 403
            ), name
        assert client.post(staff_url("ethics-publish", organization)).status_code == 403
        page = client.get(staff_url("ethics", organization)).content.decode()
        assert 'id="ethics-stats"' not in page

    def test_hr_officer_manages_and_executive_reads(
        self, client, organization, hr, executive, member
    ):
        code = add_code(organization, hr.user)
        client.force_login(hr.user)
        response = client.post(
            staff_url("ethics-activity-create", organization),
            {
                "held_on": "20/01/2569",
                "title": "อบรมจริยธรรม",
                "kind": "training",
                "participants": "30",
            },
        )
        assert response.status_code == 302
        assert EthicsActivity.objects.get(title="อบรมจริยธรรม").held_on == (
            datetime.date(2026, 1, 20)
        )
        services.ethics_acknowledge(
            actor=member.user, organization=organization, document=code
        )
        client.force_login(executive.user)
        page = client.get(staff_url("ethics-acknowledgements", organization))
        assert page.status_code == 200
        text = page.content.decode()
        assert member.user.display_name in text and hr.user.display_name in text
        assert (
            client.get(staff_url("ethics-activity-create", organization)).status_code
            == 403
        )

    def test_bad_input_keeps_what_was_typed(self, client, organization, integrity):
        client.force_login(integrity.user)
        response = client.post(
            staff_url("ethics-document-create", organization) + "?kind=code",
            {
                "title": "ประมวลจริยธรรมฉบับร่าง",
                "version_label": "2",
                "effective_from": "1 ต.ค. 68",
            },
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert "ประมวลจริยธรรมฉบับร่าง" in text
        assert not EthicsDocument.objects.filter(organization=organization).exists()

    def test_another_organisations_objects_are_404(
        self, client, organization, other_organization, integrity
    ):
        admin = MembershipFactory(
            organization=other_organization,
            user=UserFactory(totp=True),
            roles=[Role.INTEGRITY_OFFICER.value],
        )
        theirs = add_activity(other_organization, admin.user)
        their_code = add_code(other_organization, admin.user)
        their_group = add_group(other_organization, admin.user)
        client.force_login(integrity.user)
        for name, pk in (
            ("ethics-activity-edit", theirs.pk),
            ("ethics-document-edit", their_code.pk),
            ("ethics-group", their_group.pk),
        ):
            assert (
                client.get(staff_url(name, organization, pk=pk)).status_code == 404
            ), name
        assert (
            client.post(
                staff_url("ethics-acknowledge", organization),
                {"document": their_code.pk},
            ).status_code
            == 404
        )


# --- the OIT provider ---


def test_provider_is_registered_for_the_item():
    provider = provider_get("integrity.ethics")
    assert provider is not None
    assert provider.item_keys == ("ethics.code",)
    assert "integrity.EthicsActivity" in provider.depends_on


class TestProvider:
    def test_nothing_yet(self, organization):
        result = providers.ethics_evidence(organization, YEAR)
        assert result.placeholder
        assert result.url == public_url("ethics", organization)
        assert [
            (c.requirement_index, c.passed, c.message_th) for c in result.checks
        ] == [
            (0, False, "ยังไม่มีประมวลจริยธรรมที่ใช้บังคับในปีงบประมาณ พ.ศ. 2569"),
            (
                0,
                False,
                "ยังไม่มีข้อกำหนดว่าด้วยกระบวนการรักษาจริยธรรมที่ใช้บังคับในปีงบประมาณ พ.ศ. 2569",
            ),
            (
                0,
                False,
                "ยังไม่มีคำสั่งแต่งตั้งคณะทำงานด้านจริยธรรมที่ใช้บังคับในปีงบประมาณ พ.ศ. 2569",
            ),
            (
                0,
                False,
                "ยังไม่มีสื่อหรือเอกสาร Dos & Don'ts สำหรับพฤติกรรมที่อยู่ในพื้นที่สีเทา",
            ),
            (
                0,
                False,
                "ยังไม่มีการฝึกอบรมหรือกิจกรรมด้านจริยธรรมในปีงบประมาณ พ.ศ. 2569 "
                "(อย่างน้อย 1 กิจกรรม)",
            ),
            (None, False, "หน้าจริยธรรมของปีงบประมาณ พ.ศ. 2569 ยังไม่ได้เผยแพร่บนเว็บไซต์"),
        ]

    def test_ready_once_published(self, organization, integrity):
        full_year(organization, integrity.user)
        add_activity(
            organization,
            integrity.user,
            kind=EthicsActivity.Kind.COI,
            title="ให้ความรู้เรื่องผลประโยชน์ทับซ้อน",
        )
        group = add_group(
            organization, integrity.user, members=0, order_number="9/2569"
        )
        result = providers.ethics_evidence(organization, YEAR)
        assert not result.passed
        messages = [c.message_th for c in result.checks]
        assert "คำสั่งแต่งตั้งคณะทำงานด้านจริยธรรม ที่ 9/2569 ยังไม่ระบุรายชื่อคณะทำงาน" in (messages)
        group.delete()
        publication.ethics_year_publish(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        result = providers.ethics_evidence(organization, YEAR)
        assert result.passed and not result.placeholder
        assert result.url == public_url("ethics-year", organization, fiscal_year=YEAR)
        messages = [c.message_th for c in result.checks]
        assert messages[:5] == [
            "ประมวลจริยธรรม: ประมวลจริยธรรมของพนักงานส่วนตำบล (ฉบับที่ 1) "
            "ใช้บังคับตั้งแต่ 1 ตุลาคม 2568",
            "ข้อกำหนดว่าด้วยกระบวนการรักษาจริยธรรม: ข้อกำหนดว่าด้วยกระบวนการรักษาจริยธรรม "
            "(พ.ศ. 2568) ใช้บังคับตั้งแต่ 1 ตุลาคม 2568",
            "คำสั่งแต่งตั้งคณะทำงานด้านจริยธรรม ที่ 512/2568 ลงวันที่ 15 ตุลาคม 2568 คณะทำงาน 2 คน",
            "สื่อหรือเอกสาร Dos & Don'ts: คู่มือ Dos & Don'ts พื้นที่สีเทา",
            "การฝึกอบรมหรือกิจกรรมด้านจริยธรรมในปีงบประมาณ พ.ศ. 2569 2 กิจกรรม ได้แก่ "
            "การกล่าวปฏิญาณตนด้านคุณธรรมจริยธรรม 1 กิจกรรม, "
            "การสร้างความรู้ความเข้าใจเกี่ยวกับหลักเกณฑ์การขัดกันระหว่างประโยชน์"
            "ส่วนบุคคลและประโยชน์ส่วนรวม 1 กิจกรรม",
        ]

    def test_2568_has_two_requirements_and_optional_rules(
        self, organization, integrity
    ):
        add_code(organization, integrity.user, "1", datetime.date(2020, 1, 1))
        add_activity(organization, integrity.user, held_on=datetime.date(2025, 3, 1))
        result = providers.ethics_evidence(organization, 2568)
        assert [(c.requirement_index, c.passed) for c in result.checks] == [
            (0, True),
            (1, False),
            (1, False),
            (1, True),
            (None, False),
        ]
        assert result.checks[3].message_th == (
            "การฝึกอบรมหรือกิจกรรมด้านจริยธรรมในปีงบประมาณ พ.ศ. 2568 1 กิจกรรม"
        )


# --- publication and documents ---


class TestPublication:
    def test_public_page_is_frozen_until_published_again(
        self, client, organization, integrity, member
    ):
        full_year(organization, integrity.user)
        activity = EthicsActivity.objects.get(organization=organization)
        guides.ethics_activity_update(
            actor=integrity.user,
            activity=activity,
            held_on=activity.held_on,
            title=activity.title,
            kind=activity.kind,
            participants=12,
            participant_members=[member],
        )
        assert (
            client.get(
                public_url("ethics-year", organization, fiscal_year=YEAR)
            ).status_code
            == 404
        )
        publication.ethics_year_publish(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        url = public_url("ethics-year", organization, fiscal_year=YEAR)
        text = client.get(url).content.decode()
        assert "พิธีกล่าวปฏิญาณตนด้านคุณธรรมจริยธรรม" in text
        assert "คณะทำงานคนที่ 1" in text  # the group's names are public
        assert member.user.display_name not in text  # participants are not
        assert "ปฏิเสธของขวัญอย่างสุภาพ" in text
        guides.ethics_activity_update(
            actor=integrity.user,
            activity=activity,
            held_on=activity.held_on,
            title="ชื่อกิจกรรมที่แก้ไขแล้ว",
            kind=activity.kind,
            participants=12,
        )
        text = client.get(url).content.decode()
        assert "ชื่อกิจกรรมที่แก้ไขแล้ว" not in text
        assert "พิธีกล่าวปฏิญาณตนด้านคุณธรรมจริยธรรม" in text
        publication.ethics_year_publish(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        assert "ชื่อกิจกรรมที่แก้ไขแล้ว" in client.get(url).content.decode()
        pdf = client.get(
            public_url("ethics-report-pdf", organization, fiscal_year=YEAR)
        )
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        docx = client.get(
            public_url("ethics-report-docx", organization, fiscal_year=YEAR)
        )
        assert docx.status_code == 200 and docx.content.startswith(b"PK")
        assert docx["X-Public-Document"] == "made"
        docx_url = public_url("ethics-report-docx", organization, fiscal_year=YEAR)
        kept = client.get(docx_url)  # kept in storage (core.public_documents)
        assert kept["X-Public-Document"] == "stored"
        assert b"".join(kept.streaming_content) == docx.content
        publication.ethics_year_withdraw(
            actor=integrity.user, organization=organization, fiscal_year=YEAR
        )
        assert client.get(url).status_code == 404
        assert client.get(docx_url).status_code == 404

    def test_publishing_needs_the_code(self, organization, integrity):
        with pytest.raises(DomainError):
            publication.ethics_year_publish(
                actor=integrity.user, organization=organization, fiscal_year=YEAR
            )

    def test_publish_button(self, client, organization, integrity):
        full_year(organization, integrity.user)
        client.force_login(integrity.user)
        response = client.post(
            staff_url("ethics-publish", organization), {"year": YEAR}, follow=True
        )
        assert response.status_code == 200
        assert publication.ethics_publication_get(
            organization=organization, fiscal_year=YEAR
        )
        assert AuditEvent.objects.filter(action="ethics_year.publish").exists()


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)
class TestDocumentsOut:
    def test_pdf_and_docx_have_the_thai_text(
        self,
        organization,
        integrity,
        member,
        rendered,  # noqa: F811
    ):
        code = full_year(organization, integrity.user)
        services.ethics_acknowledge(
            actor=member.user, organization=organization, document=code
        )
        snapshot = selectors.ethics_year_snapshot(
            organization=organization, fiscal_year=YEAR
        )
        pdf = ethics_report_pdf(snapshot)
        # Every Thai word of the document is in the PDF's text layer.
        assert_reads_back(
            pdf,
            rendered[-1],
            "รายงานผลการขับเคลื่อนจริยธรรม",
            "คณะทำงานคนที่ 1",
            "พิธีกล่าวปฏิญาณตนด้านคุณธรรมจริยธรรม",
            "ปฏิเสธของขวัญอย่างสุภาพ",
            "1 ใน 2",
        )
        from docx import Document

        document = Document(io.BytesIO(ethics_report_docx(snapshot)))
        paragraphs = " ".join(p.text for p in document.paragraphs).replace(
            "\u00a0", " "
        )
        cells = " ".join(
            c.text for t in document.tables for r in t.rows for c in r.cells
        )
        assert "ประมวลจริยธรรมของพนักงานส่วนตำบล" in paragraphs
        assert "1 ใน 2" in paragraphs
        assert "คณะทำงานคนที่ 1" in cells
        assert "พิธีกล่าวปฏิญาณตนด้านคุณธรรมจริยธรรม" in cells

    def test_staff_draft_report(self, client, organization, integrity):
        full_year(organization, integrity.user)
        client.force_login(integrity.user)
        response = client.get(
            staff_url("ethics-report-pdf", organization) + "?year=2569"
        )
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        response = client.get(
            staff_url("ethics-report-docx", organization) + "?year=2569"
        )
        assert response.status_code == 200


def test_personal_data_find_export_erase(organization, integrity, member, hr):
    from django.utils import timezone

    from prongsai.core.personal_data import Identifiers
    from prongsai.integrity import personal_data_ethics as personal_data

    code = add_code(organization, integrity.user)
    services.ethics_acknowledge(
        actor=member.user, organization=organization, document=code
    )
    activity = add_activity(
        organization, integrity.user, participant_members=[member, hr]
    )
    who = Identifiers.clean(email=member.user.email)
    acks = personal_data.find_acknowledgements(
        organization=organization, identifiers=who
    )
    rows = personal_data.find_participation(organization=organization, identifiers=who)
    assert len(acks) == 1 and len(rows) == 1
    exported = personal_data.export_participation(
        organization=organization, pks=[rows[0].pk]
    )
    assert exported[0]["activity"] == activity.title
    done = personal_data.erase_participation(
        organization=organization,
        pks=[rows[0].pk],
        actor=integrity.user,
        reason="คำขอของเจ้าของข้อมูล",
        now=timezone.now(),
    )
    assert done == 1
    assert list(activity.participant_members.all()) == [hr]
    activity.refresh_from_db()
    assert activity.participants == 40  # the count stays
    assert (
        personal_data.erase_acknowledgements(
            organization=organization,
            pks=[acks[0].pk],
            actor=integrity.user,
            reason="คำขอของเจ้าของข้อมูล",
            now=timezone.now(),
        )
        == 1
    )
    assert not EthicsAcknowledgement.objects.filter(membership=member).exists()
