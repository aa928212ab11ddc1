"""The item list for entry into the NACC's ITAS (XLSX and CSV)."""

from __future__ import annotations

from prongsai.core.documents import csv_response
from prongsai.core.documents_xlsx import Sheet, xlsx_bytes
from prongsai.core.urls import absolute_url

HEADERS = [
    "ข้อ",
    "ชื่อข้อ",
    "สถานะ",
    "URL",
    "คำอธิบายเพิ่มเติม",
    "ผู้รับผิดชอบ",
]


def absolute(url: str) -> str:
    return absolute_url(url) if url.startswith("/") else url


def export_rows(states) -> list[list]:
    rows = []
    for state in states:
        item = state.item
        urls = "\n".join(absolute(url) for url, _t in state.links)
        rows.append(
            [
                item.code,
                item.title_th,
                item.get_status_display(),
                urls,
                item.explanation,
                str(item.responsible) if item.responsible else "ผู้ดูแลข้อมูล",
            ]
        )
    return rows


def export_xlsx(checklist, states) -> bytes:
    return xlsx_bytes(
        [
            Sheet(
                title=f"OIT {checklist.fiscal_year}",
                headers=HEADERS,
                rows=export_rows(states),
                title_rows=(
                    f"รายการข้อมูล OIT ปีงบประมาณ พ.ศ. {checklist.fiscal_year} "
                    f"{checklist.organization.name}",
                ),
            )
        ]
    )


def export_csv(states, *, filename: str):
    """The item list as a CSV download (the toolkit's writer)."""
    return csv_response(filename, HEADERS, export_rows(states), streaming=False)
