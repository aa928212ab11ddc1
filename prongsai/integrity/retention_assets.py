"""What the integrity registers keep and for how long (prongsai.core.retention).

Citizens' asset loans: once closed for the term, the borrower's name, phone,
e-mail and address are blanked; the loan stays for the statistics.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from prongsai.core.retention import Effect, RetentionKind, cutoff, expire_each, register

from .models_assets import AssetLoan
from .services_assets_loans import CLOSED_LOAN_STATUSES, loan_remove_personal_data


def asset_loans_expire(*, days: int, now: datetime.datetime, dry_run: bool):
    # Retention runs over every organisation.
    expired = AssetLoan.objects.all_organizations().filter(
        kind=AssetLoan.Kind.CITIZEN,
        status__in=CLOSED_LOAN_STATUSES,
        updated_at__lt=cutoff(days=days, now=now),
        personal_data_removed_at__isnull=True,
    )
    return expire_each(
        expired.select_related("organization"),
        owner=lambda loan: loan.organization_id,
        remove=lambda loan: loan_remove_personal_data(loan=loan, now=now),
        dry_run=dry_run,
    )


register(
    RetentionKind(
        key="integrity.asset_loan",
        label=_("Personal data of citizens' closed asset loans"),
        effect=Effect.ANONYMISE,
        default_days=730,
        apply=asset_loans_expire,
    )
)
