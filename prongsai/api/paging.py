"""The API's one pagination: ``limit`` (1–100, default 20) and ``offset``.

An endpoint returns a queryset, or :class:`Rows` (a queryset and how to turn
each record of the page into what is published).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class Rows:
    queryset: QuerySet
    convert: Callable[[Any], Any]


class LimitOffset(PaginationBase):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description="ต่อหน้า (สูงสุด 100)")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="ข้ามกี่รายการ")

    class Output(Schema):
        items: list[Any]
        count: int

    def paginate_queryset(self, queryset, pagination, request, **params):
        rows = queryset if isinstance(queryset, Rows) else Rows(queryset, lambda x: x)
        start = pagination.offset
        page = rows.queryset[start : start + pagination.limit]
        return {
            "items": [rows.convert(item) for item in page],
            "count": rows.queryset.count(),
        }
