"""Procurements in the site search: every record of the register is public."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.search.registry import Document, Kind, register

from .models import Procurement


def procurement_document(procurement: Procurement) -> Document:
    parts = [
        procurement.budget_line,
        procurement.budget_plan,
        procurement.budget_work,
        procurement.expense_type,
        procurement.contract_number,
        procurement.egp_project_number,
        procurement.supplier.name if procurement.supplier_id else "",
    ]
    return Document(
        title=procurement.title,
        text="\n".join(p for p in parts if p),
        url=reverse(
            "procurement-public:detail",
            kwargs={"org": procurement.organization.slug, "pk": procurement.pk},
        ),
        date=procurement.procured_on,
    )


register(
    Kind(
        key="procurement",
        label=_("Procurement"),
        model=Procurement,
        document=procurement_document,
        queryset=lambda: Procurement.objects.all_organizations().select_related(
            "organization", "supplier"
        ),
        order=20,
    )
)
