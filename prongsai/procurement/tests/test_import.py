"""Import end to end: preview, all-or-nothing commit, idempotent re-import."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from prongsai.core.errors import DomainError
from prongsai.procurement import selectors, services_import, services_register
from prongsai.procurement.models import NoProcurementMonth, Procurement

from .test_parsing import EGP_HEADER, GOOD_ROW, egp_row, sor1_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def test_preview_then_commit_then_reimport_is_idempotent(organization, admin_user):
    content = _csv(
        [
            EGP_HEADER,
            egp_row(),
            egp_row(**{"รหัสโครงการ": "68019205583", "ชื่อโครงการ": "จัดซื้อวัสดุ"}),
        ]
    )
    batch = services_import.import_preview(
        actor=admin_user, organization=organization, filename="egp.csv", content=content
    )
    assert Procurement.objects.count() == 0  # nothing before confirmation
    assert batch.row_count == 2
    assert batch.import_rows.count() == 2
    outcome = services_import.import_commit(actor=admin_user, batch=batch)
    assert outcome == {"created": 2, "updated": 0, "unchanged": 0}
    again = services_import.import_preview(
        actor=admin_user, organization=organization, filename="egp.csv", content=content
    )
    assert again.existing_count == 2
    assert all(row.exists for row in again.import_rows.all())
    assert services_import.import_commit(actor=admin_user, batch=again) == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
    }
    assert Procurement.objects.count() == 2
    with pytest.raises(DomainError):
        services_import.import_commit(actor=admin_user, batch=again)


def test_changed_row_is_a_conflict_the_officer_settles(organization):
    first = _csv([EGP_HEADER, egp_row()])
    second = _csv([EGP_HEADER, egp_row(**{"ราคาตกลงซื้อ/จ้าง": "1,280,000.00"})])
    batch = services_import.import_preview(
        actor=None, organization=organization, filename="e.csv", content=first
    )
    services_import.import_commit(actor=None, batch=batch)
    batch = services_import.import_preview(
        actor=None, organization=organization, filename="e2.csv", content=second
    )
    assert batch.result["plan"]["conflict"] == 1
    row = batch.import_rows.get()
    assert row.plan["conflicts"] == {"agreed_price": ["1290000.00", "1280000.00"]}
    services_register.import_decide(
        actor=None,
        batch=batch,
        decisions={row.pk: {"action": "merge", "fields": {"agreed_price": "incoming"}}},
    )
    outcome = services_import.import_commit(actor=None, batch=batch)
    assert outcome["updated"] == 1
    procurement = Procurement.objects.get()
    assert str(procurement.agreed_price) == "1280000.00"
    assert procurement.sources["agreed_price"]["source"] == "e2.csv"
    assert procurement.sources["budget_amount"]["source"] == "e.csv"


def test_file_with_errors_imports_nothing(organization):
    content = _csv([EGP_HEADER, egp_row(), egp_row(**{"งบประมาณ(บาท)": "มาก"})])
    batch = services_import.import_preview(
        actor=None, organization=organization, filename="e.csv", content=content
    )
    assert batch.error_count == 1
    assert selectors.import_errors(batch=batch).count() == 1
    with pytest.raises(DomainError):
        services_import.import_commit(actor=None, batch=batch)
    assert Procurement.objects.count() == 0


def test_sor1_no_procurement_month_is_recorded(organization):
    content = _csv(
        sor1_rows(
            [None, "ไม่มีการจัดซื้อจัดจ้าง"],
            period="สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน เมษายน 2568",
        )
    )
    batch = services_import.import_preview(
        actor=None, organization=organization, filename="s.csv", content=content
    )
    services_import.import_commit(actor=None, batch=batch)
    assert NoProcurementMonth.objects.get().month.isoformat() == "2025-04-01"


def test_sor1_import_creates_bidders(organization):
    content = _csv(sor1_rows(GOOD_ROW))
    batch = services_import.import_preview(
        actor=None, organization=organization, filename="s.csv", content=content
    )
    services_import.import_commit(actor=None, batch=batch)
    procurement = Procurement.objects.get()
    assert procurement.bids.count() == 2
    assert procurement.supplier.name == "ร้านสมหวังการค้า"
    assert procurement.contract_number == "12/2568"


def test_import_command_dry_run_and_errors(organization, tmp_path):
    good = tmp_path / "egp.csv"
    good.write_bytes(_csv([EGP_HEADER, egp_row()]))
    out = io.StringIO()
    call_command(
        "procurement_import",
        "--org",
        organization.slug,
        str(good),
        "--dry-run",
        stdout=out,
    )
    assert "ตรวจสอบเท่านั้น" in out.getvalue()
    assert Procurement.objects.count() == 0
    call_command(
        "procurement_import", "--org", organization.slug, str(good), stdout=out
    )
    assert Procurement.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv([EGP_HEADER, egp_row(**{"วิธีจัดซื้อฯ": "แลกเปลี่ยน"})]))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "procurement_import", "--org", organization.slug, str(bad), stdout=out
        )
    assert "แถว 2 คอลัมน์ “วิธีจัดซื้อฯ”" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("procurement_import", "--org", "nobody", str(good))
