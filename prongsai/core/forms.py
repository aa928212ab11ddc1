"""Helpers shared by forms across apps, and the one form → service → redirect flow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .errors import DomainError
from .ratelimit import SUBMISSION_LIMITED

#: The name of the hidden field of public forms that people never see and
#: programs that fill every field do (``components/form.html`` renders it for
#: a form whose class sets ``honeypot = True``).
HONEYPOT_FIELD = "hp_website"

#: Where to go after success: a URL, a model with ``get_absolute_url`` or a
#: URL name without arguments, or a callable taking the service's result.
RedirectTarget = Any


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


def _resolve(value, result):
    return value(result) if callable(value) else value


def handle_form(
    request: HttpRequest,
    form,
    *,
    on_valid: Callable[[dict], Any],
    redirect_to: RedirectTarget,
    success_message: str | Callable[[Any], str] | None = None,
) -> HttpResponse | None:
    """Run the one form → service → message → redirect flow of a view.

    On a POST whose *form* is valid, call ``on_valid(form.cleaned_data)``
    (the service). A :class:`DomainError` or Django ``ValidationError`` it
    raises becomes a form error (on its field when the form has it, else on
    the form) and ``None`` is returned, so the view re-renders the form with
    everything the user typed. On success, *success_message* (text, or a
    callable taking the service's result) is shown and the redirect to
    *redirect_to* (likewise, or a callable) is returned. ``None`` too for a
    GET or an invalid form::

        if response := handle_form(request, form, on_valid=lambda data:
                services.thing_create(actor=request.user, **data),
                success_message=_("Saved."), redirect_to=lambda thing: thing):
            return response
    """
    if request.method != "POST" or not form.is_valid():
        return None
    if refusal := _abuse_refusal(request, form):
        form.add_error(None, refusal)
        return None
    try:
        result = on_valid(form.cleaned_data)
    except (DomainError, ValidationError) as error:
        add_service_error(form, error)
        return None
    message = _resolve(success_message, result)
    if message:
        messages.success(request, message)
    return redirect(_resolve(redirect_to, result))


def _abuse_refusal(request: HttpRequest, form) -> str | None:
    """Why a public form's POST is refused before the service runs, if it is.

    Over the visitor's limit (``core.ratelimit.limit_submissions``), or the
    hidden field filled in. The form keeps what was typed either way.
    """
    if getattr(request, SUBMISSION_LIMITED, None) is not None:
        return _(
            "You have sent this form many times in a short while. Please wait "
            "a few minutes and send it again; what you typed is kept below."
        )
    if getattr(form, "honeypot", False) and request.POST.get(HONEYPOT_FIELD):
        return _(
            "The form could not be sent: the hidden field “Leave this field "
            "empty” was filled in. Please empty it and send again."
        )
    return None


def error_text(error: DomainError | ValidationError) -> str:
    """The user-facing text of a service error, for a message."""
    if isinstance(error, DomainError):
        return str(error.message)
    return " ".join(str(m) for m in error.messages)


def run_action(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    redirect_to: RedirectTarget,
    success_message: str | Callable[[Any], str] | None = None,
    message_level: int | Callable[[Any], int] = messages.SUCCESS,
) -> HttpResponse:
    """Run a one-click action (a POST without a form) and report how it went.

    A :class:`DomainError` or ``ValidationError`` becomes an error message;
    otherwise *success_message* is shown at *message_level* (a callable gets
    the result: a finished check with findings is a warning). Either way the
    user is redirected to *redirect_to* (a callable gets the action's result,
    or ``None``).
    """
    try:
        result = action()
    except (DomainError, ValidationError) as error:
        messages.error(request, error_text(error))
        result = None
    else:
        message = _resolve(success_message, result)
        if message:
            messages.add_message(request, _resolve(message_level, result), message)
    return redirect(_resolve(redirect_to, result))
