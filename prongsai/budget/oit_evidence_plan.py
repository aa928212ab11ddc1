"""OIT evidence of the plan part (gathered by oit_evidence)."""

PROVIDERS: tuple = ()
