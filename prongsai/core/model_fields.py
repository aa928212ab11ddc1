"""Field declarations every app repeats, declared once.

Each returns a plain Django field with the project's usual arguments, so
migrations see exactly the field they saw before (no new migration).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # types only: core never imports the apps at run time
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


def organization_fk(
    related_name: str, **kwargs
) -> models.ForeignKey[Organization, Organization]:
    """The organisation a row belongs to (deleted with it)."""
    return models.ForeignKey(
        "organizations.Organization",
        verbose_name=kwargs.pop("verbose_name", _("organization")),
        on_delete=kwargs.pop("on_delete", models.CASCADE),
        related_name=related_name,
        **kwargs,
    )


def member_fk(
    verbose_name, *, related_name: str = "+", blank: bool = True, **kwargs
) -> models.ForeignKey[User | None, User | None]:
    """The person who did something to a row; kept empty once the user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name=related_name,
        **kwargs,
    )


class ThaiDateField(models.DateField):
    """A model date whose forms take Thai input (``core.date_fields``).

    Stored and migrated exactly as ``models.DateField`` (``deconstruct`` names
    it), so adopting it needs no migration.
    """

    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        """Always the Thai date field (a given ``form_class`` is ignored)."""
        from prongsai.core.date_fields import ThaiDateFormField, ThaiDateInput

        # A browser date widget (class or instance) gives way to the Thai box.
        widget = kwargs.get("widget") or forms.DateInput
        widget_class = widget if isinstance(widget, type) else type(widget)
        if issubclass(widget_class, forms.DateInput):
            kwargs["widget"] = ThaiDateInput
        return super().formfield(
            form_class=ThaiDateFormField,
            choices_form_class=choices_form_class,
            **kwargs,
        )

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs
