"""Writes of a loan's workflow: deciding, handing over, taking back, and the
linked E-Service request following the loan.

A loan moves through ``LOANS`` (``core.workflow``): requested → approved or
rejected → handed over → returned; requested or approved loans may be
cancelled. An approval checks again that the items are free.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.workflow import Workflow, step, transition
from prongsai.eservices import services_workflow
from prongsai.eservices.models import ServiceRequest
from prongsai.eservices.models import Status as RequestStatus

from .models_assets import Asset, AssetLoan, LoanStatus
from .services_assets import check_available

if TYPE_CHECKING:
    from prongsai.accounts.models import User


def _refused(old: str, new: str) -> str:
    return _("A loan that is “%(old)s” cannot become “%(new)s”.") % {
        "old": old,
        "new": new,
    }


LOANS = Workflow(
    action="asset_loan.transition",
    labels=LoanStatus,
    refused=_refused,
    reason_message=gettext_lazy("Give the reason; the borrower will see it."),
    steps=[
        step(LoanStatus.APPROVED, [LoanStatus.REQUESTED]),
        step(LoanStatus.REJECTED, [LoanStatus.REQUESTED], reason=True),
        step(LoanStatus.HANDED_OVER, [LoanStatus.APPROVED]),
        step(LoanStatus.RETURNED, [LoanStatus.HANDED_OVER]),
        step(
            LoanStatus.CANCELLED,
            [LoanStatus.REQUESTED, LoanStatus.APPROVED],
            reason=True,
        ),
    ],
)


# --- the E-Service request follows the loan -------------------------------------------

# The forward path of a request; a loan moves its request along it.
_FORWARD = (
    RequestStatus.RECEIVED,
    RequestStatus.ACCEPTED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.COMPLETED,
)
_REQUEST_STATUS = {
    LoanStatus.APPROVED: RequestStatus.ACCEPTED,
    LoanStatus.HANDED_OVER: RequestStatus.IN_PROGRESS,
    LoanStatus.RETURNED: RequestStatus.COMPLETED,
    LoanStatus.REJECTED: RequestStatus.REJECTED,
    LoanStatus.CANCELLED: RequestStatus.REJECTED,
}
# Loans are handed over on the day they are booked for, not in filing order.
QUEUE_NOTE = "ส่งมอบพัสดุตามวันที่ขอยืม ไม่ใช่ตามลำดับการยื่นคำขอ"


def _request_follow(
    loan: AssetLoan, *, actor: User, note: str = "", reason: str = ""
) -> None:
    """Move the loan's E-Service request to the status matching the loan."""
    if loan.service_request_id is None:
        return
    request = ServiceRequest.objects.get(
        organization=loan.organization_id, pk=loan.service_request_id
    )
    target = _REQUEST_STATUS.get(LoanStatus(loan.status))
    if target is None or request.status == target:
        return
    moves: list[str] = []
    if target == RequestStatus.REJECTED:
        moves = [target]
    elif request.status in _FORWARD:
        here = _FORWARD.index(RequestStatus(request.status))
        moves = [
            s
            for s in _FORWARD[here + 1 :]
            if _FORWARD.index(s) <= _FORWARD.index(target)
        ]
    for to_status in moves:
        if not services_workflow.REQUESTS.can_move(request.status, to_status):
            return
        request = services_workflow.request_transition(
            actor=actor,
            request=request,
            to_status=to_status,
            reason=reason if to_status == RequestStatus.REJECTED else "",
            public_note=note if to_status == target else "",
            jump_reason=QUEUE_NOTE,
        )


# --- deciding and lending -------------------------------------------------------------


def _locked(loan: AssetLoan) -> AssetLoan:
    return (
        AssetLoan.objects.filter(organization=loan.organization_id)
        .select_for_update()
        .get(pk=loan.pk)
    )


def _wanted(loan: AssetLoan) -> dict[int, int]:
    return {line.asset_id: line.quantity for line in loan.lines.all()}


@transaction.atomic
def loan_approve(*, actor: User, loan: AssetLoan, note: str = "") -> AssetLoan:
    """Approve a request; refused when the items are no longer free."""
    loan = _locked(loan)

    def prepare(old: str) -> None:
        check_available(
            organization=loan.organization,
            wanted=_wanted(loan),
            start=loan.start_on,
            end=loan.end_on,
            exclude_loan=loan.pk,
        )
        loan.decided_by = actor
        loan.decided_at = timezone.now()
        loan.reason = note.strip()

    transition(loan, LoanStatus.APPROVED, actor=actor, workflow=LOANS, prepare=prepare)
    _request_follow(loan, actor=actor, note=note.strip())
    return loan


@transaction.atomic
def loan_reject(*, actor: User, loan: AssetLoan, reason: str) -> AssetLoan:
    loan = _locked(loan)

    def prepare(old: str) -> None:
        loan.decided_by = actor
        loan.decided_at = timezone.now()
        loan.reason = reason.strip()

    transition(
        loan,
        LoanStatus.REJECTED,
        actor=actor,
        workflow=LOANS,
        reason=reason,
        prepare=prepare,
        changes={"reason": reason.strip()},
    )
    _request_follow(loan, actor=actor, reason=reason.strip())
    return loan


@transaction.atomic
def loan_cancel(*, actor: User, loan: AssetLoan, reason: str) -> AssetLoan:
    loan = _locked(loan)

    def prepare(old: str) -> None:
        loan.reason = reason.strip()

    transition(
        loan,
        LoanStatus.CANCELLED,
        actor=actor,
        workflow=LOANS,
        reason=reason,
        prepare=prepare,
        changes={"reason": reason.strip()},
    )
    _request_follow(
        loan, actor=actor, reason=_("Cancelled: %(reason)s") % {"reason": reason}
    )
    return loan


@transaction.atomic
def loan_hand_over(
    *,
    actor: User,
    loan: AssetLoan,
    note: str = "",
    at: datetime.datetime | None = None,
) -> AssetLoan:
    """The items leave the store; ``note`` records their condition."""
    loan = _locked(loan)

    def prepare(old: str) -> None:
        loan.handed_over_by = actor
        loan.handed_over_at = at or timezone.now()
        loan.handover_note = note.strip()

    transition(
        loan,
        LoanStatus.HANDED_OVER,
        actor=actor,
        workflow=LOANS,
        prepare=prepare,
        changes={"handover_note": note.strip()},
    )
    _request_follow(loan, actor=actor, note=note.strip())
    return loan


@dataclass(frozen=True)
class LineReturn:
    line_id: int
    quantity: int
    condition: str


@transaction.atomic
def loan_return(
    *,
    actor: User,
    loan: AssetLoan,
    returns: list[LineReturn],
    returned_on: datetime.date | None = None,
    note: str = "",
) -> AssetLoan:
    """The items come back: per line how many and in what condition.

    Fewer than lent, or a damaged condition, needs a damage note.
    """
    loan = _locked(loan)
    returned_on = returned_on or timezone.localdate()
    lines = {line.pk: line for line in loan.lines.select_related("asset")}
    given = {r.line_id: r for r in returns}
    damaged = False
    for line_id, line in lines.items():
        back = given.get(line_id)
        if back is None:
            raise DomainError(
                _("Say how many of “%(asset)s” came back.")
                % {"asset": line.asset.name},
                field="lines",
            )
        if not 0 <= back.quantity <= line.quantity:
            raise DomainError(
                _("Between 0 and %(max)s of “%(asset)s” can come back.")
                % {"max": line.quantity, "asset": line.asset.name},
                field="lines",
            )
        if back.condition not in Asset.Condition.values:
            raise DomainError(
                _("Choose the condition of “%(asset)s”.") % {"asset": line.asset.name},
                field="lines",
            )
        damaged |= back.quantity < line.quantity or back.condition in (
            Asset.Condition.DAMAGED,
            Asset.Condition.WRITTEN_OFF,
        )
    if damaged and not note.strip():
        raise DomainError(
            _("Describe the damage or what is missing."), field="return_note"
        )
    if loan.handed_over_at and returned_on < thai_dates.local_date(loan.handed_over_at):
        raise DomainError(
            _("The items cannot come back before they were handed over."),
            field="returned_on",
        )
    if returned_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="returned_on")

    def prepare(old: str) -> None:
        for line_id, line in lines.items():
            line.returned_quantity = given[line_id].quantity
            line.return_condition = given[line_id].condition
            line.save(
                update_fields=["returned_quantity", "return_condition", "updated_at"]
            )
        loan.returned_on = returned_on
        loan.received_back_by = actor
        loan.return_note = note.strip()

    transition(
        loan,
        LoanStatus.RETURNED,
        actor=actor,
        workflow=LOANS,
        prepare=prepare,
        changes={
            "returned_on": returned_on,
            "late": returned_on > loan.end_on,
            "damaged": damaged,
            "return_note": note.strip(),
        },
    )
    _request_follow(loan, actor=actor, note=note.strip())
    return loan


# --- personal data ----------------------------------------------------------------

CLOSED_LOAN_STATUSES = (LoanStatus.RETURNED, LoanStatus.REJECTED, LoanStatus.CANCELLED)


@transaction.atomic
def loan_remove_personal_data(
    *,
    loan: AssetLoan,
    now: datetime.datetime | None = None,
    actor: User | None = None,
    reason: str = "retention",
) -> AssetLoan:
    """Blank a citizen borrower's name, phone, e-mail and address; the loan
    stays for the statistics. Staff loans are official records and keep them."""
    if loan.kind != AssetLoan.Kind.CITIZEN:
        return loan
    loan.borrower_name = "—"
    loan.borrower_phone = ""
    loan.borrower_email = ""
    loan.borrower_address = ""
    loan.personal_data_removed_at = now or timezone.now()
    loan.save(
        update_fields=[
            "borrower_name",
            "borrower_phone",
            "borrower_email",
            "borrower_address",
            "personal_data_removed_at",
            "updated_at",
        ]
    )
    audit_log(
        actor=actor,
        organization=loan.organization,
        action="asset_loan.remove_personal_data",
        target=loan,
        changes={"reason": reason},
    )
    return loan
