"""Demo E-Service data for ``prongsai load_demo``."""


def load_eservices_demo(organizations) -> None:
    return None
