"""Reports to executives and the risk register as PDF and DOCX."""

from prongsai.core.errors import DomainError


def plan_report_file(*, plan, period: str, file_format: str):
    raise DomainError("not yet")


def risk_report_file(*, assessment, file_format: str):
    return b"", "risk.pdf", "application/pdf"
