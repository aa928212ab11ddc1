"""Where the integrity registers keep personal data (each register's own
module registers its sources with ``prongsai.core.personal_data``)."""

from . import (  # noqa: F401
    personal_data_assets,
    personal_data_coi,
    personal_data_ethics,
    personal_data_hr,
)
