"""OIT evidence generated from the development plan, the budget and the
results (O5, O6, O7), gathered from each part's module for
``prongsai.oit.registry``."""

from .oit_evidence_budget import PROVIDERS as BUDGET_PROVIDERS
from .oit_evidence_plan import PROVIDERS as PLAN_PROVIDERS
from .oit_evidence_results import PROVIDERS as RESULTS_PROVIDERS

PROVIDERS = (*PLAN_PROVIDERS, *BUDGET_PROVIDERS, *RESULTS_PROVIDERS)
