"""Published plans in the site search."""

from django.utils.translation import gettext_lazy as _

from prongsai.search.registry import Document, Kind, register

from .models import Plan
from .selectors_publication import publication_get_current


def plan_document(plan: Plan) -> Document | None:
    """What the public page shows: the latest publication, not the draft."""
    publication = publication_get_current(plan)
    if publication is None:
        return None
    content = (publication.snapshot or {}).get("content") or {}
    measures = [m.get("title", "") for m in content.get("measures") or []]
    return Document(
        title=content.get("title") or plan.title,
        text="\n".join(
            p
            for p in (
                str(plan.get_kind_display()),
                content.get("description", ""),
                *measures,
            )
            if p
        ),
        url=plan.get_absolute_url(),
        date=plan.published_at,
    )


register(
    Kind(
        key="plan",
        label=_("Plans"),
        model=Plan,
        document=plan_document,
        queryset=lambda: Plan.objects.all_organizations().select_related(
            "organization"
        ),
        order=40,
    )
)
