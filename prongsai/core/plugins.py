"""Plugin registries: one way for an app to offer something to another.

A registry's own app finds what other apps offer by a per-app module with a
fixed name (``oit_evidence.py``, ``datasets.py``, ``case_links.py``,
``audit_labels.py``, ``demo.py``, like ``retention.py``), imported with
Django's ``autodiscover_modules`` from the registry app's ``ready()``. The
module declares a module-level name (``PROVIDERS``, ``DATASETS``,
``case_links``, ``ACTION_LABELS``, ``DEMO_LOADER``) that the registry
collects, so no app imports the app above it and no ``ready()`` registers
anything by hand. See docs/development.md, "Plugin registries".
"""

from __future__ import annotations

import sys
from typing import Any

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


def discover(module_name: str, attribute: str) -> list[tuple[str, Any]]:
    """``(app label, value)`` of ``attribute`` in every installed app's
    ``module_name`` module that declares it, in ``INSTALLED_APPS`` order.

    Modules without the attribute (e.g. the registry's own ``demo.py``) are
    skipped; an import error in a module propagates, as in Django's admin.
    """
    autodiscover_modules(module_name)
    found = []
    for app_config in apps.get_app_configs():
        module = sys.modules.get(f"{app_config.name}.{module_name}")
        if module is not None and hasattr(module, attribute):
            found.append((app_config.label, getattr(module, attribute)))
    return found
