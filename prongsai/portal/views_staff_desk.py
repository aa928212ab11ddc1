"""The executive's desk: the page and its one-page PDF for the council."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from prongsai.core.documents import CONTENT_TYPE_PDF, file_response, render_pdf
from prongsai.organizations.decorators import org_staff_view

from .permissions import can_view_desk
from .selectors_desk import desk_get


def _desk(request, organization):
    return desk_get(
        organization=organization,
        user=request.user,
        membership=request.membership,
        today=timezone.localdate(),
    )


@org_staff_view(can_view_desk)
def desk(request, organization):
    return render(
        request,
        "portal/desk.html",
        {"organization": organization, "desk": _desk(request, organization)},
    )


@org_staff_view(can_view_desk)
def desk_pdf(request, organization):
    desk = _desk(request, organization)
    pdf = render_pdf(
        "portal/desk_pdf.html",
        {"organization": organization, "desk": desk, "printed_at": timezone.now()},
        thai_digits=True,
    )
    return file_response(
        pdf,
        filename=f"สรุปสำหรับผู้บริหาร-{desk.fiscal_year}.pdf",
        content_type=CONTENT_TYPE_PDF,
    )
