"""OIT items in the site search: the public ITA/OIT page of each year."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.search.registry import Document, Kind, register

from .models import ChecklistItem


def item_document(item: ChecklistItem) -> Document:
    year = item.checklist.fiscal_year
    url = reverse(
        "portal-public:oit-year",
        kwargs={"org": item.organization.slug, "fiscal_year": year},
    )
    return Document(
        title=str(_("%(code)s %(title)s (fiscal year %(year)s)"))
        % {"code": item.code, "title": item.title_th, "year": year},
        text="\n".join(
            str(p) for p in (*(item.requirements_th or []), item.explanation) if p
        ),
        url=url + "#item-" + item.code,
        # The fiscal year (BE) ends on 30 September of year - 543.
        date=datetime.date(year - 543, 9, 30),
    )


register(
    Kind(
        key="oit_item",
        label=_("OIT items"),
        model=ChecklistItem,
        document=item_document,
        # The index holds every organisation's public items.
        queryset=lambda: ChecklistItem.objects.all_organizations().select_related(
            "organization", "checklist"
        ),
        order=65,
    )
)
