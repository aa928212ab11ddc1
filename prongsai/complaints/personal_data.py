"""Where the complaint centre keeps personal data (prongsai.core.personal_data).

Confidential reports (corruption and misconduct) are marked confidential:
only the organisation's integrity officers see, export or erase them, and a
report about an integrity officer only its executives.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.core.personal_data import (
    AUDIENCE_EXECUTIVES,
    AUDIENCE_OFFICERS,
    Found,
    PersonalDataSource,
    register,
)

from . import services_retention
from .models import Case as CaseModel
from .models import CaseEntry, ChatSession, InboundEvent, Kind


def _case_query(identifiers) -> Q | None:
    query = Q()
    if identifiers.email:
        query |= Q(complainant_email__iexact=identifiers.email)
    if identifiers.phone:
        query |= Q(complainant_phone__in=identifiers.phone_variants())
    if identifiers.line_user_id:
        query |= Q(line_user_id=identifiers.line_user_id)
    if identifiers.name:
        query |= Q(complainant_name__iexact=identifiers.name)
    if identifiers.national_id:
        query |= Q(description__contains=identifiers.national_id)
    return query or None


def find_cases(*, organization, identifiers) -> list[Found]:
    query = _case_query(identifiers)
    if query is None:
        return []
    rows = []
    for case in CaseModel.objects.filter(query, organization=organization).order_by(
        "received_at"
    ):
        confidential = case.kind == Kind.CORRUPTION
        label = (
            gettext("Confidential report %(reference)s")
            if confidential
            else gettext("%(reference)s: %(subject)s")
        ) % {"reference": case.reference, "subject": case.subject}
        rows.append(
            Found(
                source="complaints.case",
                pk=case.pk,
                label=label,
                when=case.received_at,
                confidential=confidential,
                audience=(
                    AUDIENCE_EXECUTIVES
                    if case.concerns_integrity_officer
                    else AUDIENCE_OFFICERS
                ),
            )
        )
    return rows


def export_cases(*, organization, pks) -> list[dict]:
    cases = CaseModel.objects.filter(organization=organization, pk__in=pks)
    items = []
    for case in cases.prefetch_related("entries", "attachments").order_by("pk"):
        items.append(
            {
                "reference": case.reference,
                "kind": case.kind,
                "channel": case.channel,
                "subject": case.subject,
                "description": case.description,
                "location": case.location_text,
                "latitude": str(case.latitude or ""),
                "longitude": str(case.longitude or ""),
                "name": case.complainant_name,
                "phone": case.complainant_phone,
                "email": case.complainant_email,
                "line_user_id": case.line_user_id,
                "facebook_user_id": case.facebook_psid,
                "status": case.status,
                "received_at": case.received_at.isoformat(),
                "closed_at": case.closed_at.isoformat() if case.closed_at else None,
                "messages": [
                    {
                        "time": entry.created_at.isoformat(),
                        "type": entry.type,
                        "text": entry.text,
                    }
                    for entry in case.entries.all()
                    if entry.is_public or entry.type == CaseEntry.Type.MESSAGE
                ],
                "files": [
                    a.file.name.rsplit("/", 1)[-1] for a in case.attachments.all()
                ],
            }
        )
    return items


def erase_cases(*, organization, pks, actor, reason, now) -> int:
    """Blank the complainant's details and delete the photos they sent."""
    done = 0
    for case in CaseModel.objects.filter(organization=organization, pk__in=pks):
        services_retention.case_remove_personal_data(
            case=case, now=now, actor=actor, reason=reason, delete_files=True
        )
        done += 1
    return done


def _events(organization, identifiers):
    if not identifiers.line_user_id:
        return InboundEvent.objects.none()
    return InboundEvent.objects.filter(
        Q(payload__source__userId=identifiers.line_user_id)
        | Q(payload__sender__id=identifiers.line_user_id),
        organization=organization,
    )


def find_events(*, organization, identifiers) -> list[Found]:
    return [
        Found(
            source="complaints.inbound_event",
            pk=event.pk,
            label=gettext("%(source)s message %(event)s")
            % {"source": event.get_source_display(), "event": event.event_id},
            when=event.created_at,
        )
        for event in _events(organization, identifiers).order_by("created_at")
    ]


def export_events(*, organization, pks) -> list[dict]:
    return [
        {
            "source": event.source,
            "received_at": event.created_at.isoformat(),
            "payload": event.payload,
        }
        for event in InboundEvent.objects.filter(
            organization=organization, pk__in=pks
        ).order_by("created_at")
    ]


def erase_events(*, organization, pks, actor, reason, now) -> int:
    deleted, _by_model = InboundEvent.objects.filter(
        organization=organization, pk__in=pks
    ).delete()
    return deleted


def find_chats(*, organization, identifiers) -> list[Found]:
    if not identifiers.line_user_id:
        return []
    return [
        Found(
            source="complaints.chat_session",
            pk=chat.pk,
            label=gettext("Chat on %(channel)s")
            % {"channel": chat.get_channel_display()},
            when=chat.updated_at,
        )
        for chat in ChatSession.objects.filter(
            organization=organization, user_id=identifiers.line_user_id
        )
    ]


def export_chats(*, organization, pks) -> list[dict]:
    return [
        {"channel": chat.channel, "state": chat.state, "data": chat.data}
        for chat in ChatSession.objects.filter(organization=organization, pk__in=pks)
    ]


def erase_chats(*, organization, pks, actor, reason, now) -> int:
    deleted, _by_model = ChatSession.objects.filter(
        organization=organization, pk__in=pks
    ).delete()
    return deleted


for source in (
    PersonalDataSource(
        "complaints.case",
        _("Complaints and reports"),
        find_cases,
        export_cases,
        erase_cases,
    ),
    PersonalDataSource(
        "complaints.inbound_event",
        _("LINE and Facebook messages as received"),
        find_events,
        export_events,
        erase_events,
    ),
    PersonalDataSource(
        "complaints.chat_session",
        _("LINE and Facebook chat sessions"),
        find_chats,
        export_chats,
        erase_chats,
    ),
):
    register(source)
