"""Risk registers for tests, made through the services."""

from prongsai.risks import services


def assessment_of(organization, coordinator, fiscal_year: int = 2569):
    return services.risk_assessment_create(
        actor=coordinator.user, organization=organization, fiscal_year=fiscal_year
    )


def add_risk(assessment, coordinator, process, event, likelihood, impact, **data):
    return services.risk_create(
        actor=coordinator.user,
        assessment=assessment,
        data={
            "process": process,
            "event": event,
            "likelihood": likelihood,
            "impact": impact,
            **data,
        },
    )
