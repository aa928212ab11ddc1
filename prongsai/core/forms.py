"""Helpers shared by forms across apps."""

from django.core.exceptions import ValidationError

from .errors import DomainError


def add_service_error(form, error: DomainError | ValidationError) -> None:
    """Attach an error raised by a service to the form, on its field if known.

    The form keeps everything the user typed, so nothing is lost.
    """
    if isinstance(error, DomainError):
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
