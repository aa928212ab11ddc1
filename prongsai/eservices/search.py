"""E-Services in the site search: the published service manuals."""

from django.utils.translation import gettext_lazy as _

from prongsai.search.registry import Document, Kind, register

from .models import Service


def _lines(items) -> list[str]:
    return [
        str(item.get("text", item) if isinstance(item, dict) else item)
        for item in items or []
    ]


def service_document(service: Service) -> Document | None:
    if not service.is_published:
        return None
    parts = [
        service.category,
        service.description,
        *_lines(service.steps),
        *_lines(service.documents),
        service.fees,
        service.legal_basis,
        service.responsible_unit,
        service.channels,
    ]
    return Document(
        title=service.name,
        text="\n".join(p for p in parts if p),
        url=service.get_absolute_url(),
        date=service.updated_at,
    )


register(
    Kind(
        key="eservice",
        label=_("E-Services"),
        model=Service,
        document=service_document,
        queryset=lambda: Service.objects.select_related("organization"),
        order=30,
    )
)
