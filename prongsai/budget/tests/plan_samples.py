"""Realistic ผ.02 spreadsheets for the import tests, as LAOs keep them: title
rows above a two-row header (งบประมาณ merged over the year columns), years
in Thai digits or with "(บาท)", strategy and programme merged down their
rows, "-" for no budget, amounts as numbers, with commas, in Thai digits or
ending in ".-", a project's text continued on the next row, total rows."""

from __future__ import annotations

import io

from openpyxl import Workbook

YEARS = (2566, 2567, 2568, 2569, 2570)
YEAR_HEADERS = (
    "๒๕๖๖\n(บาท)",
    "2567 (บาท)",
    "งบประมาณ 2568 (บาท)",
    "2569",
    "๒๕๗๐ (บาท)",
)
LEADING = (
    "ยุทธศาสตร์",
    "แผนงาน",
    "ที่",
    "โครงการ",
    "วัตถุประสงค์",
    "เป้าหมาย\n(ผลผลิตของโครงการ)",
)
TRAILING = ("ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก")
S1 = "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
S2 = "ยุทธศาสตร์ที่ ๒ การพัฒนาด้านคุณภาพชีวิต"

# (strategy, programme, number, name, objective, target, amounts, kpi, result, unit)
PROJECTS = [
    (
        S1,
        "1.1 แผนงานเคหะและชุมชน",
        "1",
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1",
        "เพื่อให้ประชาชนสัญจรสะดวก",
        "ถนน คสล. กว้าง 4 ม. ยาว 200 ม.",
        (500000, "-", "1,200,000", None, "๓๐๐,๐๐๐"),
        "ร้อยละ 80 ของประชาชนพึงพอใจ",
        "ประชาชนสัญจรสะดวก",
        "กองช่าง",
    ),
    (
        None,
        None,
        "๒",
        "โครงการวางท่อระบายน้ำ หมู่ที่ 3",
        "เพื่อแก้ปัญหาน้ำท่วมขัง",
        "ท่อ คสล. ยาว 150 ม.",
        ("-", 350000.0, "-", "450,000.-", "-"),
        "น้ำไม่ท่วมขัง",
        "ลดปัญหาน้ำท่วม",
        "กองช่าง",
    ),
    (
        None,
        "1.2 แผนงานอุตสาหกรรมและการโยธา",
        "3",
        "โครงการปรับปรุงถนนลูกรัง",
        "เพื่อซ่อมแซมถนน",
        "ถนนลูกรัง 2 สาย",
        (100000, 100000, 100000, 100000, 100000),
        "ถนน 2 สาย",
        "ถนนใช้การได้",
        "กองช่าง",
    ),
    (
        S2,
        "2.1 แผนงานสาธารณสุข",
        "4",
        "โครงการป้องกันโรคไข้เลือดออก",
        "เพื่อลดผู้ป่วย",
        "10 หมู่บ้าน",
        (50000, 50000, 50000, 50000, 50000),
        "ผู้ป่วยลดลงร้อยละ 20",
        "ประชาชนมีสุขภาพดี",
        "กองสาธารณสุขฯ",
    ),
]


def _write(sheet, row: int, values) -> None:
    for column, value in enumerate(values, start=1):
        if value is not None:
            sheet.cell(row=row, column=column, value=value)


def p02_rows(
    projects=PROJECTS, *, year_headers=YEAR_HEADERS, continued: bool = True
) -> list[list[object]]:
    """The sheet's rows (for CSV files and direct parser tests)."""
    width = len(LEADING) + len(year_headers) + len(TRAILING)
    rows: list[list[object]] = [
        [None] * (width - 1) + ["แบบ ผ.02"],
        ["รายละเอียดโครงการพัฒนา"] + [None] * (width - 1),
        ["แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)"] + [None] * (width - 1),
        ["องค์การบริหารส่วนตำบลบ้านดง"] + [None] * (width - 1),
        [None] * width,
        [*LEADING, "งบประมาณ", *[None] * (len(year_headers) - 1), *TRAILING],
        [None] * len(LEADING) + list(year_headers) + [None] * len(TRAILING),
    ]
    for index, project in enumerate(projects):
        strategy, programme, number, name, objective, target, amounts, *rest = project
        rows.append(
            [strategy, programme, number, name, objective, target, *amounts, *rest]
        )
        if index == 0 and continued:
            # The first project's text continues on the row below it.
            rows.append(
                [None, None, None, "(ช่วงบ้านนายสม)", None, "หนา 0.15 ม."]
                + [None] * (len(year_headers) + len(TRAILING))
            )
    rows.append(["รวม", None, None, None, None, None] + ["x"] * len(year_headers))
    return rows


def p02_xlsx(rows: list[list[object]] | None = None, *, merge: bool = True) -> bytes:
    """The rows as an XLSX workbook, with the title and header cells merged."""
    rows = p02_rows() if rows is None else rows
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ผ.02"
    for number, values in enumerate(rows, start=1):
        _write(sheet, number, values)
    if merge:
        width = max(len(r) for r in rows)
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
        sheet.merge_cells(start_row=6, start_column=7, end_row=6, end_column=11)
        for column in range(1, 7):
            sheet.merge_cells(
                start_row=6, start_column=column, end_row=7, end_column=column
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def p02_csv(rows: list[list[object]] | None = None, *, encoding="utf-8-sig") -> bytes:
    import csv

    rows = p02_rows() if rows is None else rows
    out = io.StringIO()
    writer = csv.writer(out)
    for values in rows:
        writer.writerow(["" if v is None else v for v in values])
    return out.getvalue().encode(encoding)
