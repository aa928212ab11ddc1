"""Route object builders of the plan part (gathered by tenancy)."""

ROUTE_OBJECTS: dict = {}
