"""E-Service statistics as a dataset of the open-data catalogue."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates
from prongsai.opendata.registry import DatasetProvider

from .models import ServiceRequest
from .selectors import (
    ESERVICE_DATASET_FIELDS,
    eservice_dataset_list_rows,
    eservice_dataset_list_years,
)

TYPES = {"service": "text", "month": "text", "mean_days": "number"}
TYPES |= {"median_days": "number", "satisfaction": "number"}


def _last_modified(*, organization, fiscal_year: int):
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    return ServiceRequest.objects.filter(
        organization=organization,
        received_at__date__gte=start,
        received_at__date__lte=end,
    ).aggregate(latest=Max("updated_at"))["latest"]


PROVIDER = DatasetProvider(
    key="eservice-statistics",
    title=_("E-Service statistics"),
    description=_(
        "Requests received and completed per service and month, how many were "
        "done in time, processing times, queue jumps and satisfaction. No "
        "personal data."
    ),
    fields=[
        (key, title, TYPES.get(key, "integer"))
        for key, title in ESERVICE_DATASET_FIELDS
    ],
    years=eservice_dataset_list_years,
    rows=eservice_dataset_list_rows,
    last_modified=_last_modified,
    category="สังคมและสวัสดิการ",
    tags=("E-Service", "สถิติการให้บริการ", "ITA"),
    data_type="statistic",
    update_frequency="month",
)


# Found by prongsai.opendata.registry (every app's datasets.py declares its own).
DATASETS = (PROVIDER,)
