"""Pages of the procurement register whose cost follows the page, not the table.

Django's ``Paginator`` counts every row the filters select (a ``COUNT(*)``
over all of a large organisation's records) on each page view. This one
counts at most ``cap`` rows, or as many as the page asked for needs: the
count is exact for small registers and for any page number out of range (so
that, as before, it shows the last page), and "more than ``cap``" otherwise;
the page itself is still read with ``LIMIT``/``OFFSET`` over an index.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

from prongsai.core.params import bounded_int

#: Rows counted at most on a first page (more for deeper pages).
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A ``Paginator`` whose ``count`` stops after ``cap`` rows.

    ``count_is_exact`` tells whether ``count`` is the real total; when it is
    not, ``count`` is ``cap + 1`` (so that a next page exists) and the
    template shows "more than ``count_cap``" and no last page.
    """

    def __init__(self, object_list, per_page: int, *, cap: int | None = None):
        super().__init__(object_list, per_page)
        self.count_cap = cap or COUNT_CAP

    def get_page(self, number) -> Page:
        try:
            wanted = bounded_int(str(number or "1")[:9], default=1, low=1)
        except ValueError:
            wanted = 1
        # Count far enough to know whether the asked page exists.
        self.count_cap = max(self.count_cap, wanted * self.per_page)
        return super().get_page(number)

    @cached_property
    def count(self) -> int:
        queryset = self.object_list.order_by()[: self.count_cap + 1]
        return queryset.count()

    @property
    def count_is_exact(self) -> bool:
        return self.count <= self.count_cap

    @property
    def total_unknown(self) -> bool:
        """For ``components/pagination.html``: no "of N" and no last page."""
        return not self.count_is_exact
