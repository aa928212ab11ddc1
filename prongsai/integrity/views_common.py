"""What every back-office page of the integrity registers shares: the fiscal
year asked for, the years offered, and the add-or-edit page's record, form
and create-or-update service."""

from __future__ import annotations

import copy
from functools import partial

from django.http import Http404
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.core.forms import handle_form
from prongsai.core.params import bounded_int

FIRST_YEAR = 2500


def requested_year(request) -> int:
    """The fiscal year asked for (``year``), this one by default; 404 if absurd."""
    current = thai_dates.fiscal_year(timezone.localdate())
    raw = request.POST.get("year") or request.GET.get("year")
    try:
        return bounded_int(raw, default=current, low=FIRST_YEAR, high=current + 1)
    except ValueError:
        raise Http404 from None


def year_choices() -> list[int]:
    """Next year, this year and the two before, for the year switcher."""
    current = thai_dates.fiscal_year(timezone.localdate())
    return [current + 1, current, current - 1, current - 2]


def create_or_update(record, create, update):
    """The form's service: ``create(**data)`` for a new record, else ``update``."""
    return lambda data: (create if record is None else update)(**data)


def record_or_none(access, organization, pk):
    """The record an edit page's URL names (``access`` answers 404 outside the
    organisation), or ``None`` on the page that adds one."""
    return None if pk is None else access(organization=organization, pk=pk)


def record_form(request, form_class, record, **kwargs):
    """The add-or-edit form bound to the POST and its files, over a copy of
    *record* so that a refused save leaves the record shown as it was."""
    return form_class(
        request.POST or None,
        request.FILES or None,
        instance=copy.copy(record),
        **kwargs,
    )


def save_record(request, form, record, *, create, update, **options):
    """``handle_form`` of an add-or-edit page: the form's data goes to
    ``create`` for a new record, else to ``update``, both with the actor;
    *options* are ``handle_form``'s (``success_message``, ``redirect_to``)."""
    return handle_form(
        request,
        form,
        on_valid=create_or_update(
            record,
            partial(create, actor=request.user),
            partial(update, actor=request.user),
        ),
        **options,
    )
