"""What the integrity registers keep and for how long (each register's own
module registers its kinds with ``prongsai.core.retention``)."""

from . import retention_assets, retention_coi, retention_hr  # noqa: F401
