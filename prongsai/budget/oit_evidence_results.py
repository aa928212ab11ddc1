"""OIT evidence of the results part (gathered by oit_evidence)."""

PROVIDERS: tuple = ()
