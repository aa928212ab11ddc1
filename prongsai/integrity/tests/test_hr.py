"""HR registers: criteria, plans and projects, training records and their
import from messy spreadsheets."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.integrity import (
    selectors_hr,
    services_hr,
    services_hr_import,
    services_hr_training,
)
from prongsai.integrity.models_hr import HRCriterion, HRProject, TrainingRecord
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

YEAR = 2569


@pytest.fixture
def hr(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="สุดารัตน์ ใจดี", email="hr@bandong.example"),
        roles=[Role.HR_OFFICER.value],
        position="นักทรัพยากรบุคคล",
    )


@pytest.fixture
def clerk(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="กาญจนา ศรีวงศ์", email="staff@bandong.example"),
        roles=[Role.STAFF.value],
        position="เจ้าพนักงานธุรการ",
    )


def make_plan(organization, actor, fiscal_year=YEAR, **extra):
    values = {
        "approved_on": datetime.date(fiscal_year - 544, 9, 20),
        "approved_by_name": "ประเสริฐ ศรีสุข",
        "approved_by_position": "นายกองค์การบริหารส่วนตำบลบ้านดง",
    } | extra
    return services_hr.hr_plan_create(
        actor=actor, organization=organization, fiscal_year=fiscal_year, **values
    )


def add_project(plan, actor, name="อบรม", category="development", **extra):
    values = {"start_month": 1, "end_month": 3, "budget": Decimal("1000")} | extra
    return services_hr.hr_project_create(
        actor=actor, plan=plan, name=name, category=category, **values
    )


def add_criterion(organization, actor, **extra):
    values = {
        "kind": HRCriterion.Kind.APPRAISAL,
        "title": "หลักเกณฑ์",
        "effective_from": datetime.date(2024, 1, 1),
    } | extra
    return services_hr.hr_criterion_create(
        actor=actor, organization=organization, **values
    )


def add_training(organization, actor, **extra):
    values = {
        "course": "x",
        "start_on": datetime.date(2025, 11, 3),
        "hours": Decimal("6"),
    } | extra
    return services_hr_training.training_record_create(
        actor=actor, organization=organization, **values
    )


class TestCriteria:
    def test_history_and_in_force(self, organization, hr):
        old = add_criterion(
            organization,
            hr.user,
            title="หลักเกณฑ์การประเมิน พ.ศ. 2560",
            effective_from=datetime.date(2017, 1, 1),
            effective_to=datetime.date(2023, 3, 31),
            url="https://example.org/old.pdf",
        )
        new = add_criterion(
            organization,
            hr.user,
            title="หลักเกณฑ์การประเมิน พ.ศ. 2566",
            effective_from=datetime.date(2023, 4, 1),
            text="ประเมินปีละ 2 รอบ",
        )
        assert list(selectors_hr.hr_criterion_list(organization=organization)) == [
            new,
            old,
        ]
        assert selectors_hr.hr_criterion_list_in_force(
            organization=organization, on=datetime.date(2025, 1, 1)
        ) == [new]
        assert selectors_hr.hr_criterion_list_in_force(
            organization=organization, on=datetime.date(2020, 1, 1)
        ) == [old]
        assert AuditEvent.objects.filter(action="hr_criterion.create").count() == 2

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({}, "document"),
            ({"effective_to": datetime.date(2023, 1, 1), "text": "x"}, "effective_to"),
        ],
        ids=["needs_a_document_link_or_text", "end_before_start"],
    )
    def test_refused(self, organization, hr, extra, field):
        with pytest.raises(DomainError) as error:
            add_criterion(organization, hr.user, kind="recruitment", **extra)
        assert error.value.field == field

    def test_update_keeps_the_document(self, organization, hr):
        criterion = add_criterion(
            organization, hr.user, kind="salary", title="เลื่อนขั้น", text="เดิม"
        )
        services_hr.hr_criterion_update(
            actor=hr.user,
            criterion=criterion,
            kind="salary",
            title="เลื่อนขั้นเงินเดือน",
            effective_from=datetime.date(2024, 1, 1),
            text="ใหม่",
        )
        criterion.refresh_from_db()
        assert criterion.title == "เลื่อนขั้นเงินเดือน"
        event = AuditEvent.objects.get(action="hr_criterion.update")
        assert event.changes["title"]["new"] == "เลื่อนขั้นเงินเดือน"


class TestPlan:
    def test_one_plan_a_year_with_default_title(self, organization, hr):
        plan = make_plan(organization, hr.user)
        assert plan.title == ("แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2569")
        with pytest.raises(DomainError):
            make_plan(organization, hr.user)

    def test_approval_after_the_year_refused(self, organization, hr):
        with pytest.raises(DomainError) as error:
            make_plan(organization, hr.user, approved_on=datetime.date(2026, 10, 1))
        assert error.value.field == "approved_on"

    def test_approval_needs_a_name(self, organization, hr):
        with pytest.raises(DomainError) as error:
            make_plan(organization, hr.user, approved_by_name="")
        assert error.value.field == "approved_by_name"

    def test_projects_numbered_edited_and_removed(self, organization, hr):
        plan = make_plan(organization, hr.user)
        first = add_project(plan, hr.user, "สรรหา", "recruitment")
        second = add_project(plan, hr.user, "ประเมิน", "appraisal")
        assert (first.number, second.number) == (1, 2)
        services_hr.hr_project_update(
            actor=hr.user,
            project=second,
            name="ประเมินผล 2 รอบ",
            category="appraisal",
            start_month=4,
            end_month=12,
        )
        second.refresh_from_db()
        assert second.name == "ประเมินผล 2 รอบ"
        assert selectors_hr.project_period(YEAR, second) == "ม.ค. 2569 – ก.ย. 2569"
        services_hr.hr_project_delete(actor=hr.user, project=first)
        assert list(plan.projects.all()) == [second]

    def test_months_out_of_order_refused(self, organization, hr):
        plan = make_plan(organization, hr.user)
        with pytest.raises(DomainError) as error:
            add_project(plan, hr.user, start_month=5, end_month=2)
        assert error.value.field == "end_month"

    def test_result_done_needs_output(self, organization, hr):
        project = add_project(make_plan(organization, hr.user), hr.user)
        with pytest.raises(DomainError) as error:
            services_hr.hr_project_result_update(
                actor=hr.user, project=project, status="done"
            )
        assert error.value.field == "output"
        services_hr.hr_project_result_update(
            actor=hr.user,
            project=project,
            status="done",
            output="อบรม 30 คน",
            budget_used=Decimal("800"),
        )
        project.refresh_from_db()
        assert project.status == HRProject.Status.DONE


class TestTrainingRecords:
    def test_member_record_and_outsider(self, organization, hr, clerk):
        mine = add_training(
            organization, hr.user, member=clerk, course="จริยธรรม", ethics=True
        )
        assert (mine.fiscal_year, mine.end_on) == (2569, datetime.date(2025, 11, 3))
        outsider = add_training(
            organization,
            hr.user,
            person_name="นายสมชาย ใจงาม",
            person_position="พนักงานจ้างทั่วไป",
            course="ดิจิทัล",
            start_on=datetime.date(2025, 9, 1),
            end_on=datetime.date(2025, 9, 2),
            hours=Decimal("12"),
        )
        assert outsider.fiscal_year == 2568
        assert outsider.display_name == "นายสมชาย ใจงาม"
        assert mine.display_name.endswith("กาญจนา ศรีวงศ์")

    def test_needs_a_person(self, organization, hr):
        with pytest.raises(DomainError) as error:
            add_training(organization, hr.user)
        assert error.value.field == "person_name"

    def test_member_of_another_organisation_refused(
        self, organization, other_organization, hr
    ):
        stranger = MembershipFactory(organization=other_organization)
        with pytest.raises(DomainError) as error:
            add_training(organization, hr.user, member=stranger)
        assert error.value.field == "member"

    @pytest.mark.parametrize(
        ("start", "end", "hours", "field"),
        [
            (datetime.date(2025, 11, 3), datetime.date(2025, 11, 1), "6", "end_on"),
            (datetime.date(2025, 11, 3), None, "0", "hours"),
            (datetime.date(2099, 1, 1), None, "6", "start_on"),
        ],
    )
    def test_bad_values_refused(self, organization, hr, start, end, hours, field):
        with pytest.raises(DomainError) as error:
            add_training(
                organization,
                hr.user,
                person_name="ก",
                start_on=start,
                end_on=end,
                hours=Decimal(hours),
            )
        assert error.value.field == field

    def test_project_of_another_year_refused(self, organization, hr):
        project = add_project(make_plan(organization, hr.user, 2568), hr.user)
        with pytest.raises(DomainError) as error:
            add_training(organization, hr.user, person_name="ก", project=project)
        assert error.value.field == "project"


# --- import ---------------------------------------------------------------------------

HEADER = [
    "ลำดับ",
    "ชื่อ-สกุล",
    "ตำแหน่ง",
    "หลักสูตร",
    "หน่วยงานผู้จัด",
    "วันที่เริ่ม",
    "วันที่สิ้นสุด",
    "จำนวนชั่วโมง",
    "เนื้อหาด้านจริยธรรม",
    "ค่าใช้จ่าย (บาท)",
    "โครงการตามแผน",
]


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    return "\n".join(",".join(str(c) for c in row) for row in rows).encode(encoding)


def preview(organization, actor, content, filename="อบรม.xlsx"):
    return services_hr_import.training_import_preview(
        actor=actor, organization=organization, filename=filename, content=content
    )


class TestImport:
    def test_messy_file_thai_digits_and_be_dates(self, organization, hr, clerk):
        plan = make_plan(organization, hr.user)
        add_project(plan, hr.user, "อบรมจริยธรรม")
        rows = [
            ["รายงานการฝึกอบรม อบต.บ้านดง"],
            [],
            HEADER,
            [
                "๑",
                "นางสาว กาญจนา  ศรีวงศ์",
                "",
                "ประมวลจริยธรรม",
                "อบต.บ้านดง",
                "๑๕/๑๒/๒๕๖๘",
                "16 ธ.ค. 68",
                "๑๒",
                "ใช่",
                "๑,๒๐๐",
                "๑",
            ],
            [
                2,
                "นายสมชาย ใจงาม",
                "พนักงานจ้างทั่วไป",
                "ดิจิทัล",
                "สำนักงาน ก.พ.",
                datetime.datetime(2026, 1, 20),
                None,
                6.5,
                "ไม่ใช่",
                None,
                None,
            ],
            [None] * 11,
        ]
        batch = preview(organization, hr.user, xlsx(rows))
        assert batch.problems == []
        assert [r["row"] for r in batch.rows] == [4, 5]
        first, second = batch.rows
        assert first["member_id"] == clerk.pk
        assert (first["start_on"], first["end_on"]) == ("2025-12-15", "2025-12-16")
        assert (first["hours"], first["cost"], first["ethics"]) == ("12", "1200", True)
        assert second["member_id"] is None and second["end_on"] == "2026-01-20"
        assert (
            services_hr_import.training_import_commit(actor=hr.user, batch=batch) == 2
        )
        records = TrainingRecord.objects.filter(organization=organization)
        assert records.count() == 2
        record = records.get(member=clerk)
        assert record.project.plan == plan and record.hours == Decimal("12")
        assert AuditEvent.objects.filter(action="training.import").count() == 1
        with pytest.raises(DomainError):
            services_hr_import.training_import_commit(actor=hr.user, batch=batch)

    def test_missing_column_reported_once(self, organization, hr):
        header = [h for h in HEADER if h != "จำนวนชั่วโมง"]
        rows = [header] + [
            [1, f"คนที่ {i}", "", "หลักสูตร", "", "1/11/2568", "", "", "", "", ""]
            for i in range(3)
        ]
        batch = preview(organization, hr.user, csv_bytes(rows), "a.csv")
        assert batch.problems == [
            {
                "row": None,
                "column": "จำนวนชั่วโมง",
                "message": "ไม่พบคอลัมน์ “จำนวนชั่วโมง”",
            }
        ]
        with pytest.raises(DomainError):
            services_hr_import.training_import_commit(actor=hr.user, batch=batch)

    def test_every_bad_cell_listed_with_row_and_column(self, organization, hr):
        good = ["1", "ก ข", "", "หลักสูตร", "", "1/11/2568", "", "6", "", "", ""]
        rows = [
            HEADER,
            good,
            ["2", "ค ง", "", "", "", "31/02/2568", "", "หก", "บางส่วน", "", ""],
            ["3", "จ ฉ", "", "หลักสูตร", "", "5/11/2568", "1/11/2568", "6", "", "", "9"],
        ]
        batch = preview(organization, hr.user, csv_bytes(rows, "cp874"), "b.csv")
        assert batch.problems == [
            {"row": 3, "column": "D (หลักสูตร)", "message": "ช่องนี้ว่าง"},
            {
                "row": 3,
                "column": "F (วันที่เริ่ม)",
                "message": "“31/02/2568” ไม่ใช่วันที่",
            },
            {"row": 3, "column": "H (จำนวนชั่วโมง)", "message": "“หก” ไม่ใช่ตัวเลข"},
            {
                "row": 3,
                "column": "I (เนื้อหาด้านจริยธรรม)",
                "message": "ให้ระบุ ใช่ หรือ ไม่ใช่",
            },
            {
                "row": 4,
                "column": "K (โครงการตามแผน)",
                "message": "ไม่มีโครงการ “9” ในแผนบริหารทรัพยากรบุคคลของปีงบประมาณนั้น",
            },
            {
                "row": 4,
                "column": "G (วันที่สิ้นสุด)",
                "message": "วันที่สิ้นสุดต้องไม่อยู่ก่อนวันที่เริ่มต้น",
            },
        ]
        # All or nothing: the good row is not written either.
        with pytest.raises(DomainError):
            services_hr_import.training_import_commit(actor=hr.user, batch=batch)
        assert not TrainingRecord.objects.filter(organization=organization).exists()

    def test_commit_is_all_or_nothing(self, organization, hr, clerk):
        rows = [
            HEADER,
            ["1", "ก ข", "", "หลักสูตร", "", "1/11/2568", "", "6", "", "", ""],
            ["2", "ค ง", "", "หลักสูตร", "", "2/11/2568", "", "6", "", "", ""],
        ]
        batch = preview(organization, hr.user, csv_bytes(rows), "c.csv")
        assert batch.problems == []
        # The member of the second row left meanwhile: a row fails at commit.
        batch.rows[1]["hours"] = "-1"
        batch.save()
        with pytest.raises(DomainError) as error:
            services_hr_import.training_import_commit(actor=hr.user, batch=batch)
        assert str(error.value.message).startswith("แถว 3:")
        assert not TrainingRecord.objects.filter(organization=organization).exists()

    def test_no_header(self, organization, hr):
        batch = preview(
            organization, hr.user, csv_bytes([["a", "b"], ["1", "2"]]), "d.csv"
        )
        assert len(batch.problems) == 1
        assert "ชื่อ-สกุล" in batch.problems[0]["message"]

    def test_not_a_spreadsheet(self, organization, hr):
        with pytest.raises(DomainError) as error:
            preview(organization, hr.user, b"PK\x03\x04broken", "e.xlsx")
        assert error.value.field == "file"
        with pytest.raises(DomainError):
            preview(organization, hr.user, b"x", "f.pdf")


class TestPersonalData:
    def test_old_records_expire(self, organization, hr, clerk):
        from django.utils import timezone

        from prongsai.core import retention
        from prongsai.integrity import retention_hr

        assert retention.kind_get("integrity.training_record") is not None
        old = add_training(
            organization,
            hr.user,
            member=clerk,
            course="เก่า",
            start_on=datetime.date(2014, 1, 6),
        )
        add_training(
            organization,
            hr.user,
            member=clerk,
            course="ใหม่",
            start_on=datetime.date(2025, 1, 6),
        )
        found = retention_hr.training_records_expire(
            days=3650, now=timezone.now(), dry_run=False
        )
        assert found == {organization.pk: 1}
        assert not TrainingRecord.objects.filter(organization=organization, pk=old.pk)

    def test_found_exported_and_erased(self, organization, hr, clerk):
        from prongsai.core.personal_data import Identifiers
        from prongsai.integrity import personal_data_hr

        record = add_training(organization, hr.user, member=clerk, course="จริยธรรม")
        who = Identifiers.clean(email="staff@bandong.example")
        found = personal_data_hr.find_training(
            organization=organization, identifiers=who
        )
        assert [f.pk for f in found] == [record.pk]
        exported = personal_data_hr.export_training(
            organization=organization, pks=[record.pk]
        )
        assert exported[0]["course"] == "จริยธรรม"
        assert (
            personal_data_hr.erase_training(
                organization=organization,
                pks=[record.pk],
                actor=hr.user,
                reason="x",
                now=None,
            )
            == 1
        )
        assert not TrainingRecord.objects.filter(organization=organization).exists()
