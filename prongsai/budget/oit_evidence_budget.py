"""OIT evidence of the budget part (gathered by oit_evidence)."""

PROVIDERS: tuple = ()
