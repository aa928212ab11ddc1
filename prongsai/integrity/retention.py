"""What the integrity registers keep and for how long (prongsai.core.retention);
each register says so in its own module."""

from . import retention_coi  # noqa: F401
