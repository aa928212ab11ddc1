"""Open datasets in the site search and the catalogue's search box."""

from django.utils.translation import gettext_lazy as _

from prongsai.search.registry import Document, Kind, register

from .models import AccessLevel, Dataset


def dataset_document(dataset: Dataset) -> Document | None:
    if not (
        dataset.is_active
        and dataset.access_level == AccessLevel.OPEN
        and dataset.organization.is_active
    ):
        return None
    parts = [
        dataset.name,
        dataset.description,
        dataset.category,
        dataset.owner_unit,
        dataset.data_source,
        str(dataset.fiscal_year),
        dataset.organization.name,
        *dataset.tags,
    ]
    return Document(
        title=dataset.title,
        text="\n".join(p for p in parts if p),
        url=dataset.get_absolute_url(),
        date=dataset.updated_at,
    )


register(
    Kind(
        key="dataset",
        label=_("Open data"),
        model=Dataset,
        document=dataset_document,
        queryset=lambda: Dataset.objects.all_organizations().select_related(
            "organization"
        ),
        order=50,
    )
)
