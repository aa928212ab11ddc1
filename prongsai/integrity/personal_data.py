"""Where the integrity registers keep personal data (prongsai.core.personal_data);
each register says so in its own module."""

from . import personal_data_coi  # noqa: F401
