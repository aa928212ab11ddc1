"""Where the E-Service keeps personal data (prongsai.core.personal_data)."""

from __future__ import annotations

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.core.personal_data import Found, PersonalDataSource, register

from . import services_personal_data
from .models import ServiceRequest


def _query(identifiers) -> Q | None:
    query = Q()
    if identifiers.email:
        query |= Q(citizen_email__iexact=identifiers.email)
    if identifiers.phone:
        query |= Q(citizen_phone__in=identifiers.phone_variants())
    if identifiers.line_user_id:
        query |= Q(line_user_id=identifiers.line_user_id)
    if identifiers.name:
        query |= Q(citizen_name__iexact=identifiers.name)
    if identifiers.national_id:
        query |= Q(answers_text__contains=identifiers.national_id)
    return query or None


def _requests(organization, identifiers):
    query = _query(identifiers)
    if query is None:
        return ServiceRequest.objects.none()
    return (
        ServiceRequest.objects.filter(organization=organization)
        .annotate(answers_text=Cast("answers", TextField()))
        .filter(query)
        .select_related("service")
    )


def find_requests(*, organization, identifiers) -> list[Found]:
    return [
        Found(
            source="eservices.request",
            pk=request.pk,
            label=gettext("%(code)s: %(service)s")
            % {"code": request.tracking_code, "service": request.service.name},
            when=request.received_at,
        )
        for request in _requests(organization, identifiers).order_by("received_at")
    ]


def export_requests(*, organization, pks) -> list[dict]:
    requests = (
        ServiceRequest.objects.filter(organization=organization, pk__in=pks)
        .select_related("service")
        .prefetch_related("attachments", "ratings", "events")
        .order_by("received_at")
    )
    return [
        {
            "tracking_code": request.tracking_code,
            "service": request.service.name,
            "status": request.status,
            "channel": request.channel,
            "received_at": request.received_at.isoformat(),
            "closed_at": request.closed_at.isoformat() if request.closed_at else None,
            "name": request.citizen_name,
            "phone": request.citizen_phone,
            "email": request.citizen_email,
            "answers": request.answers,
            "address": request.address,
            "latitude": str(request.latitude or ""),
            "longitude": str(request.longitude or ""),
            "line_user_id": request.line_user_id,
            "files": [a.original_name for a in request.attachments.all()],
            "ratings": [
                {"score": r.score, "comment": r.comment} for r in request.ratings.all()
            ],
            "history": [
                {
                    "time": e.created_at.isoformat(),
                    "status": e.to_status,
                    "text": e.text,
                }
                for e in request.events.all()
                if e.is_public
            ],
        }
        for request in requests
    ]


def erase_requests(*, organization, pks, actor, reason, now) -> int:
    done = 0
    for request in ServiceRequest.objects.filter(
        organization=organization, pk__in=pks
    ).select_related("organization"):
        services_personal_data.request_remove_personal_data(
            request=request, now=now, actor=actor, reason=reason
        )
        done += 1
    return done


register(
    PersonalDataSource(
        key="eservices.request",
        label=_("E-Service requests"),
        find=find_requests,
        export=export_requests,
        erase=erase_requests,
    )
)
