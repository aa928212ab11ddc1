"""Published plans in the site search."""

from django.utils.translation import gettext_lazy as _

from prongsai.search.registry import Document, Kind, register

from .models import Plan


def plan_document(plan: Plan) -> Document | None:
    if plan.published_at is None:
        return None
    return Document(
        title=plan.title,
        text="\n".join(
            p for p in (str(plan.get_kind_display()), plan.description) if p
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
