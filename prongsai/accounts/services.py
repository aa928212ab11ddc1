"""Writes on user accounts."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from prongsai.core.audit import audit_log

from .models import User


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None,
    title: str = "",
    phone: str = "",
    actor: User | None = None,
    organization=None,  # an Organization (accounts sits below organizations)
) -> User:
    """Create a user after validating every field and the password."""
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name.strip(),
        title=title.strip(),
        phone=phone.strip(),
    )
    user.full_clean(exclude=["password"])
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_log(
        actor=actor or user,
        organization=organization,
        action="user.create",
        target=user,
        changes={"email": user.email, "full_name": user.full_name},
    )
    return user
