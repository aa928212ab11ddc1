"""How to build an object of each budget route taking an id (core.testing)."""

from .tenancy_budget import ROUTE_OBJECTS as BUDGET
from .tenancy_plan import ROUTE_OBJECTS as PLAN
from .tenancy_results import ROUTE_OBJECTS as RESULTS

ROUTE_OBJECTS = {**PLAN, **BUDGET, **RESULTS}
