"""Blank result files (XLSX and CSV) to fill in and import, per framework."""

from __future__ import annotations

from django.utils.translation import gettext as _

from prongsai.core.documents import (
    CONTENT_TYPE_XLSX,
    csv_response,
    file_response,
)
from prongsai.core.documents_xlsx import Sheet, xlsx_bytes

from .frameworks import Framework
from .importing import INDICATOR_KEYS, PUBLISHED_KEYS


def _template_columns(framework: Framework) -> list[tuple[str, str]]:
    columns = [("fiscal_year", _("Fiscal year (BE)"))]
    columns += [
        (key, _("Indicator %(number)s") % {"number": key[1:]}) for key in INDICATOR_KEYS
    ]
    labels = {
        "published_iit": _("Published IIT"),
        "published_eit": _("Published EIT"),
        "published_oit": _("Published OIT"),
        "published_total": _("Published total"),
    }
    columns += [(key, labels[key]) for key in PUBLISHED_KEYS]
    columns += [
        (item.code, f"{item.code} {item.title_th}") for item in framework.oit_items
    ]
    columns.append(("notes", _("Notes")))
    return columns


def result_template_xlsx(framework: Framework):
    columns = _template_columns(framework)
    sheet = Sheet(
        title=_("ITA result"),
        headers=[label for _key, label in columns],
        rows=[
            [key for key, _label in columns],
            [framework.fiscal_year] + [""] * (len(columns) - 1),
        ],
        widths=[14] * len(columns),
    )
    content = xlsx_bytes([sheet])
    return file_response(
        content,
        filename=f"ita-result-template-{framework.fiscal_year}.xlsx",
        content_type=CONTENT_TYPE_XLSX,
    )


def result_template_csv(framework: Framework):
    columns = _template_columns(framework)
    return csv_response(
        f"ita-result-template-{framework.fiscal_year}.csv",
        [label for _key, label in columns],
        [
            [key for key, _label in columns],
            [framework.fiscal_year] + [""] * (len(columns) - 1),
        ],
        streaming=False,
    )
