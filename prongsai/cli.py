"""The ``prongsai`` console command: Django's management command runner.

Operators type ``prongsai migrate`` or ``prongsai createsuperuser``. Settings come
from ``DJANGO_SETTINGS_MODULE`` (default: the production-safe base settings).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a Django management command with Prongsai's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prongsai", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
