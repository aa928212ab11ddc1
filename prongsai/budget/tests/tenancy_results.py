"""Route object builders of the results part (gathered by tenancy)."""

ROUTE_OBJECTS: dict = {}
