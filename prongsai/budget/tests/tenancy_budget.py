"""Route object builders of the budget part (gathered by tenancy)."""

ROUTE_OBJECTS: dict = {}
