"""Where the integrity registers keep personal data (prongsai.core.personal_data):
the borrowers of asset loans."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.core.personal_data import Found, PersonalDataSource, register

from .models_assets import AssetLoan
from .services_assets_loans import loan_remove_personal_data


def _loans(organization, identifiers):
    query = Q()
    if identifiers.email:
        query |= Q(borrower_email__iexact=identifiers.email)
    if identifiers.phone:
        query |= Q(borrower_phone__in=identifiers.phone_variants())
    if identifiers.name:
        query |= Q(borrower_name__iexact=identifiers.name)
    if not query:
        return AssetLoan.objects.none()
    return AssetLoan.objects.filter(organization=organization).filter(query)


def find_loans(*, organization, identifiers) -> list[Found]:
    return [
        Found(
            source="integrity.asset_loan",
            pk=loan.pk,
            label=gettext("Asset loan %(ref)s") % {"ref": loan.reference},
            when=loan.created_at,
        )
        for loan in _loans(organization, identifiers).order_by("created_at")
    ]


def export_loans(*, organization, pks) -> list[dict]:
    loans = (
        AssetLoan.objects.filter(organization=organization, pk__in=pks)
        .prefetch_related("lines__asset")
        .order_by("created_at")
    )
    return [
        {
            "reference": loan.reference,
            "status": loan.status,
            "name": loan.borrower_name,
            "phone": loan.borrower_phone,
            "email": loan.borrower_email,
            "address": loan.borrower_address,
            "purpose": loan.purpose,
            "place": loan.place,
            "from": loan.start_on.isoformat(),
            "until": loan.end_on.isoformat(),
            "items": [
                {"asset": line.asset.name, "quantity": line.quantity}
                for line in loan.lines.all()
            ],
        }
        for loan in loans
    ]


def erase_loans(*, organization, pks, actor, reason, now) -> int:
    done = 0
    for loan in AssetLoan.objects.filter(
        organization=organization, pk__in=pks, kind=AssetLoan.Kind.CITIZEN
    ).select_related("organization"):
        loan_remove_personal_data(loan=loan, now=now, actor=actor, reason=reason)
        done += 1
    return done


register(
    PersonalDataSource(
        key="integrity.asset_loan",
        label=_("Asset loans"),
        find=find_loans,
        export=export_loans,
        erase=erase_loans,
    )
)
