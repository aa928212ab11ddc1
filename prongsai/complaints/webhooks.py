"""LINE and Messenger webhooks: verify, store once, acknowledge, process later.

The signature is checked over the exact bytes received, before any parsing
and before touching the database beyond reading the organisation's secret.
Each event is stored under a unique key by one committed ``INSERT`` (the
only write before the answer); the processing task is then handed to the
workers (``core.outbox``: kept in the outbox table when the broker is down,
and ``inbound_events_requeue`` finds any event whose task was lost), so the
platform gets its 200 without waiting for the processing when a broker is
configured. Nothing here reads or writes anything else.
"""

from __future__ import annotations

import json

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.params import json_list, json_object, json_text, strip_nul
from prongsai.organizations.models import ChannelSettings

from .models import InboundEvent
from .services_chat import inbound_event_store
from .signatures import line_signature_valid, meta_signature_valid

MAX_BODY = 1024 * 1024


def _settings_for(slug: str) -> ChannelSettings | None:
    """The organisation's channels (``organizations.ChannelSettings``)."""
    return (
        ChannelSettings.objects.select_related("organization")
        .filter(organization__slug=slug, organization__is_active=True)
        .first()
    )


def _json_body(body: bytes) -> object:
    """The JSON of a signed body, without NUL characters; None when not JSON.

    A correctly signed body may still be malformed: the callers check its
    shape and answer 400 rather than fail.
    """
    try:
        return strip_nul(json.loads(body.decode("utf-8")))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, absurdly deep
        return None


def _queue(task, event_id: int) -> None:
    enqueue_on_commit(task, event_id)


@csrf_exempt
@require_http_methods(["POST"])
def line_webhook(request, org):
    from .tasks import line_process_event as line_process_event_task

    row = _settings_for(org)
    if row is None or not row.line_channel_secret:
        return HttpResponse(status=404)
    body = request.body
    if len(body) > MAX_BODY:
        return HttpResponse(status=413)
    signature = request.headers.get("X-Line-Signature", "")
    if not line_signature_valid(row.line_channel_secret, body, signature):
        return HttpResponseForbidden()
    payload = _json_body(body)
    events = payload.get("events", []) if isinstance(payload, dict) else None
    if not isinstance(events, list):
        return HttpResponse(status=400)
    for event in events:
        if not isinstance(event, dict):
            continue
        event_id = json_text(event.get("webhookEventId"))
        if not event_id:
            continue
        created = inbound_event_store(
            organization=row.organization,
            source=InboundEvent.Source.LINE,
            event_id=event_id,
            payload=event,
        )
        if created is not None:
            _queue(line_process_event_task, created.pk)
    return HttpResponse(status=200)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def facebook_webhook(request, org):
    from .tasks import messenger_process_event as messenger_process_event_task

    row = _settings_for(org)
    if row is None or not row.facebook_verify_token:
        return HttpResponse(status=404)
    if request.method == "GET":
        from django.utils.crypto import constant_time_compare

        mode = request.GET.get("hub.mode", "")
        token = request.GET.get("hub.verify_token", "")
        challenge = request.GET.get("hub.challenge", "")
        if mode == "subscribe" and constant_time_compare(
            token, row.facebook_verify_token
        ):
            return HttpResponse(challenge, content_type="text/plain")
        return HttpResponseForbidden()
    body = request.body
    if len(body) > MAX_BODY:
        return HttpResponse(status=413)
    signature = request.headers.get("X-Hub-Signature-256", "")
    if not meta_signature_valid(row.facebook_app_secret, body, signature):
        return HttpResponseForbidden()
    payload = _json_body(body)
    entries = payload.get("entry", []) if isinstance(payload, dict) else None
    if not isinstance(entries, list):
        return HttpResponse(status=400)
    for entry in entries:
        for item in json_list(json_object(entry).get("messaging")):
            if not isinstance(item, dict):
                continue
            message = json_object(item.get("message") or item.get("postback"))
            mid = json_text(message.get("mid"))
            if not mid or message.get("is_echo"):
                continue
            created = inbound_event_store(
                organization=row.organization,
                source=InboundEvent.Source.FACEBOOK,
                event_id=mid,
                payload=item,
            )
            if created is not None:
                _queue(messenger_process_event_task, created.pk)
    return HttpResponse("EVENT_RECEIVED", content_type="text/plain")
