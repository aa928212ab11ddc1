"""How long the HR registers keep personal data (prongsai.core.retention).

Training records name people: they go ten years after the course ended
(the HR reports keep only counts). Uploaded training files that were checked
but never confirmed go after 30 days.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from prongsai.core.retention import (
    Effect,
    RetentionKind,
    cutoff,
    delete_expired,
    register,
)

from .models_hr import TrainingImport, TrainingRecord


def training_records_expire(*, days: int, now: datetime.datetime, dry_run: bool):
    expired = TrainingRecord.objects.all_organizations().filter(
        end_on__lt=cutoff(days=days, now=now).date()
    )
    return delete_expired(expired, dry_run=dry_run)


def training_imports_expire(*, days: int, now: datetime.datetime, dry_run: bool):
    expired = TrainingImport.objects.all_organizations().filter(
        created_at__lt=cutoff(days=days, now=now)
    )
    return delete_expired(expired, dry_run=dry_run)


register(
    RetentionKind(
        key="integrity.training_record",
        label=_("Training records"),
        effect=Effect.DELETE,
        default_days=3650,
        apply=training_records_expire,
    )
)
register(
    RetentionKind(
        key="integrity.training_import",
        label=_("Uploaded training spreadsheets"),
        effect=Effect.DELETE,
        default_days=30,
        apply=training_imports_expire,
    )
)
