"""How to build a dataset of a given organisation for the catalogue's routes."""

from prongsai.opendata.tests.factories import DatasetFactory


def _dataset_name(organization):
    return {"name": DatasetFactory(organization=organization).name}


def _dataset_pk(organization):
    return {"pk": DatasetFactory(organization=organization).pk}


ROUTE_OBJECTS = {
    "opendata-public:dataset-detail": _dataset_name,
    "opendata-public:dataset-csv": _dataset_name,
    "opendata-public:dataset-xlsx": _dataset_name,
    "opendata-public:dataset-json": _dataset_name,
    "opendata-public:dataset-jsonld": _dataset_name,
    "opendata-staff:dataset-edit": _dataset_pk,
}
