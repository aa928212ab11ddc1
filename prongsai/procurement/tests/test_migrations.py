"""Data migrations: imports kept as JSON lists move into their own tables."""

import pytest

from prongsai.core.testing import migrate_to, migration_targets

BEFORE = migration_targets(("procurement", "0002_postgres_word_index"))
AFTER = [("procurement", "0003_import_rows_and_problems_tables")]


@pytest.mark.django_db(transaction=True)
def test_import_rows_move_out_of_the_batch(latest_migrations):
    old = migrate_to(BEFORE)
    Organization = old.get_model("organizations", "Organization")
    ImportBatch = old.get_model("procurement", "ImportBatch")
    organization = Organization.objects.create(
        slug="migrate", name="อบต.ทดสอบ", kind="sao", dla_code="6900099"
    )
    ImportBatch.objects.create(
        organization=organization,
        filename="egp.csv",
        sha256="0" * 64,
        layout="egp",
        rows=[
            {"row": 2, "title": "ถนน", "exists": True},
            {"row": 3, "title": "วัสดุ"},
        ],
        problems=[
            {
                "row": 3,
                "column": "งบประมาณ",
                "message": "ไม่ใช่ตัวเลข",
                "severity": "error",
            },
            {"row": 0, "column": "", "message": "ไม่พบเดือน", "severity": "warning"},
        ],
    )
    new = migrate_to(AFTER)
    batch = new.get_model("procurement", "ImportBatch").objects.get()
    assert (
        batch.row_count,
        batch.existing_count,
        batch.error_count,
        batch.warning_count,
    ) == (2, 1, 1, 1)
    rows = new.get_model("procurement", "ImportRow").objects.order_by("number")
    assert [(r.number, r.exists, r.data["title"]) for r in rows] == [
        (2, True, "ถนน"),
        (3, False, "วัสดุ"),
    ]
    problems = new.get_model("procurement", "ImportProblem").objects.order_by("row")
    assert [(p.row, p.severity, p.message) for p in problems] == [
        (0, "warning", "ไม่พบเดือน"),
        (3, "error", "ไม่ใช่ตัวเลข"),
    ]
