"""Demo records: the catalogue shows whatever the registered providers hold.

No provider is faked here; without one (e.g. before procurement is installed)
the demo catalogue is simply empty.
"""

from .services import dataset_sync


def load_opendata_demo(organizations) -> None:
    for organization in organizations:
        dataset_sync(organization=organization)


# The catalogue follows the registers the other demo loaders fill.
load_opendata_demo.demo_order = 50


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_opendata_demo
