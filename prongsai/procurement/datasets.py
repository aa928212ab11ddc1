"""The procurement register as a dataset of the open-data catalogue."""

from django.utils.translation import gettext_lazy as _

from prongsai.opendata.registry import DatasetProvider

from .selectors import (
    PROCUREMENT_DATASET_FIELDS,
    procurement_dataset_rows,
    procurement_dataset_years,
    procurement_last_modified,
)

PROVIDER = DatasetProvider(
    key="procurement",
    title=_("Procurement"),
    description=_(
        "Every procurement of the fiscal year from the organisation's register: "
        "budget, reference price, method, selected supplier, agreed price, "
        "contract and status. Personal identification numbers are masked."
    ),
    fields=PROCUREMENT_DATASET_FIELDS,
    years=procurement_dataset_years,
    rows=procurement_dataset_rows,
    last_modified=procurement_last_modified,
    category="การเงินการคลัง",
    tags=("จัดซื้อจัดจ้าง", "สขร.1", "ITA"),
    data_type="record",
    update_frequency="month",
)


# Found by prongsai.opendata.registry (every app's datasets.py declares its own).
DATASETS = (PROVIDER,)
