"""The chat's writes: a citizen's draft report in their ``ChatSession``.

:func:`chat_session_advance` runs one incoming message through the pure
state machine (:mod:`.chat`) with the session row locked, so that a text, a
photo and a location LINE delivers as separate events at the same moment
all land in the one draft; it files the case when nothing is missing.
:func:`chat_drafts_file_idle` files drafts a citizen left (Celery beat).
Nothing here touches the network or logs message text or user ids.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.utils import timezone

from prongsai.organizations.models import Organization

from . import chat
from .models import Case, Category, Channel, ChatSession, InboundEvent, Kind
from .services_intake import case_submit


@dataclass
class ChatOutcome:
    step: chat.Step
    case: Case | None = None  # filed now
    photos_case: Case | None = None  # where ``photos`` go once downloaded
    photos: list[str] = field(default_factory=list)


def chat_categories(*, organization: Organization) -> list[chat.CategoryChoice]:
    return [
        chat.CategoryChoice(pk, name, keywords)
        for pk, name, keywords in Category.objects.filter(
            organization=organization, is_active=True
        )
        .order_by("order", "name")
        .values_list("pk", "name", "keywords")
    ]


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() and abs(number) <= 180 else None


def _user_lookup(channel: str, user_id: str) -> dict[str, str]:
    if channel == Channel.LINE:
        return {"line_user_id": user_id}
    return {"facebook_psid": user_id}


def _file(
    *, session: ChatSession, data: dict, source_event_id: str, now: float
) -> Case:
    """File the draft ``data`` as a case and remember it in the session."""
    organization = session.organization
    category_id = data.get("category_id")
    category = (
        Category.objects.filter(organization=organization, pk=category_id).first()
        if isinstance(category_id, int)
        else None
    )
    description = str(data.get("description", "")).strip()
    case = case_submit(
        organization=organization,
        kind=Kind.COMPLAINT,
        channel=session.channel,
        category=category,
        subject=description.splitlines()[0][:80],
        description=description,
        location_text=str(data.get("location_text") or ""),
        latitude=_decimal(data.get("latitude")),
        longitude=_decimal(data.get("longitude")),
        line_user_id=session.user_id if session.channel == Channel.LINE else "",
        facebook_psid=session.user_id if session.channel == Channel.FACEBOOK else "",
        source_event_id=source_event_id[:100],
        photos=[],
    )
    photos = [p for p in data.get("photos", []) if isinstance(p, str)]
    chat_session_save(
        session=session,
        state=chat.IDLE,
        data=chat.filed_memory(
            case_id=case.pk, reference=case.reference, photos=len(photos), now=now
        ),
    )
    return case


def _filed_case(session: ChatSession, step: chat.Step) -> Case | None:
    filed = step.data.get("filed") or {}
    case_id = filed.get("case_id")
    if not isinstance(case_id, int):
        return None
    return Case.objects.filter(
        organization=session.organization,
        pk=case_id,
        channel=session.channel,
        **_user_lookup(session.channel, session.user_id),
    ).first()


@transaction.atomic
def chat_session_advance(
    *,
    organization: Organization,
    channel: str,
    user_id: str,
    incoming: chat.Incoming,
    source_event_id: str,
    now: float | None = None,
) -> ChatOutcome:
    """One incoming message: the draft changed, or the case filed."""
    now = time.time() if now is None else now
    ChatSession.objects.get_or_create(
        organization=organization, channel=channel, user_id=user_id
    )
    session = (
        ChatSession.objects.select_for_update()
        .select_related("organization")
        .get(organization=organization, channel=channel, user_id=user_id)
    )
    step = chat.advance(
        session.state,
        session.data,
        incoming,
        chat_categories(organization=organization),
        now=now,
    )
    outcome = ChatOutcome(step)
    if step.end_session:
        session.delete()
    elif step.complete:
        outcome.case = outcome.photos_case = _file(
            session=session, data=step.data, source_event_id=source_event_id, now=now
        )
        outcome.photos = list(step.data.get("photos", []))
    else:
        chat_session_save(session=session, state=step.state, data=step.data)
        if step.attach_photos:
            outcome.photos_case = _filed_case(session, step)
            outcome.photos = list(step.attach_photos)
    return outcome


def chat_sessions_idle(*, now: datetime.datetime | None = None) -> list[int]:
    """Ids of drafts nobody touched for ``chat.IDLE_SECONDS`` (any organisation)."""
    limit = (now or timezone.now()) - datetime.timedelta(seconds=chat.IDLE_SECONDS)
    return list(
        ChatSession.objects.all_organizations()
        .filter(state__in=chat.DRAFT_STATES, updated_at__lt=limit)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:500]
    )


@transaction.atomic
def chat_draft_file_idle(*, session_id: int) -> ChatOutcome | None:
    """File an idle draft that has a description; drop one that has none.

    The category may be empty: an officer assigns it. None when the session
    moved on meanwhile or nothing was filed.
    """
    limit = timezone.now() - datetime.timedelta(seconds=chat.IDLE_SECONDS)
    session = (
        ChatSession.objects.all_organizations()
        .select_for_update()
        .select_related("organization")
        .filter(pk=session_id, state__in=chat.DRAFT_STATES, updated_at__lt=limit)
        .first()
    )
    if session is None:
        return None
    data = dict(session.data)
    if not str(data.get("description", "")).strip():
        chat_session_save(session=session, state=chat.IDLE, data={})
        return None
    key = str(data.get("key") or session.pk)
    case = _file(
        session=session,
        data=data,
        source_event_id=f"{session.channel}:draft:{key}",
        now=time.time(),
    )
    return ChatOutcome(
        chat.Step(chat.IDLE, {}, complete=True),
        case=case,
        photos_case=case,
        photos=[p for p in data.get("photos", []) if isinstance(p, str)],
    )


# --- Messaging records ------------------------------------------------------------
def inbound_event_store(
    *, organization: Organization, source: str, event_id: str, payload: dict
) -> InboundEvent | None:
    """Store a webhook event once; None when it was stored before.

    One statement (``INSERT ... ON CONFLICT DO NOTHING``), committed at once
    outside a transaction: the webhook's whole write before it answers. The
    unique key (organisation, source, event id) turns a redelivery into
    nothing, without a savepoint or a failed statement. Being raw SQL it sends
    no ``post_save``: an event as received changes nothing anyone reads until
    it is processed (into a case, a chat draft), which is saved the usual way.
    """
    now = timezone.now()
    event = InboundEvent(
        created_at=now,
        updated_at=now,
        organization=organization,
        source=source,
        event_id=event_id[:100],
        payload=payload,
    )
    meta = InboundEvent._meta
    columns, values = [], []
    for field_ in meta.concrete_fields:
        if field_.primary_key:
            continue
        columns.append(connection.ops.quote_name(field_.column))
        values.append(
            field_.get_db_prep_save(getattr(event, field_.attname), connection)
        )
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - the model's own table and columns
            f"VALUES ({', '.join(['%s'] * len(values))}) "
            "ON CONFLICT DO NOTHING RETURNING id",
            values,
        )
        row = cursor.fetchone()
    if row is None:
        return None
    event.pk = row[0]
    event._state.adding = False
    return event


def chat_session_save(*, session: ChatSession, state: str, data: dict) -> None:
    session.state = state
    session.data = data
    session.save()
