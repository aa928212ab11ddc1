"""OIT evidence providers (filled in below)."""


def register_providers() -> None:
    pass
