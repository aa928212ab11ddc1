"""The one exception type for broken business rules, and the one for bad requests."""

from django.core.exceptions import BadRequest


class DomainError(Exception):
    """A business rule refused an operation; ``message`` is translated for users.

    ``field`` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class BadInput(BadRequest):
    """Request data the site refuses; the 400 page shows the translated message."""
