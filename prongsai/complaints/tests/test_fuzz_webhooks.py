"""Fuzzing the LINE and Messenger webhooks with correctly signed bodies.

A valid signature proves who sent a body, not that it is well formed: any
JSON (a list, a number, missing keys, wrong types, NULs) must be answered
with 200 or 400, and processing it must not fail.
"""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.complaints.models import InboundEvent
from prongsai.complaints.signatures import line_signature, meta_signature
from prongsai.core.tests.fuzz import (
    FUZZ,
    assert_no_server_error,
    fuzz_client,
    json_values,
)

from .test_webhooks import FB_SECRET, LINE_SECRET

pytestmark = pytest.mark.django_db

ANY = json_values(max_leaves=8)
LINE_EVENT = st.fixed_dictionaries(
    {},
    optional={
        "type": st.one_of(st.sampled_from(["message", "follow", "postback"]), ANY),
        "mode": st.one_of(st.just("active"), ANY),
        "webhookEventId": st.one_of(st.text(min_size=1, max_size=120), ANY),
        "source": st.one_of(
            st.fixed_dictionaries(
                {"type": st.just("user"), "userId": st.one_of(st.just("U1"), ANY)}
            ),
            ANY,
        ),
        "replyToken": ANY,
        "message": st.one_of(
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["text", "image", "location", "sticker"]),
                    "text": ANY,
                    "id": ANY,
                    "latitude": ANY,
                    "longitude": ANY,
                    "address": ANY,
                }
            ),
            ANY,
        ),
    },
)
FB_ITEM = st.fixed_dictionaries(
    {},
    optional={
        "sender": st.one_of(st.fixed_dictionaries({"id": ANY}), ANY),
        "message": st.one_of(
            st.fixed_dictionaries(
                {
                    "mid": st.one_of(st.text(min_size=1, max_size=20), ANY),
                    "text": ANY,
                    "attachments": st.one_of(
                        st.lists(
                            st.fixed_dictionaries(
                                {
                                    "type": st.sampled_from(["image", "location"]),
                                    "payload": ANY,
                                    "title": ANY,
                                }
                            ),
                            max_size=2,
                        ),
                        ANY,
                    ),
                }
            ),
            ANY,
        ),
        "postback": ANY,
    },
)


class Api:
    """A fuzz client whose requests also run the queued event processing."""

    def __init__(self, capture):
        self.client = fuzz_client()
        self.capture = capture

    def post(self, path, **kwargs):
        with self.capture(execute=True):
            return self.client.post(path, **kwargs)


def _post(client, path, body, header, signature):
    response = client.post(
        path, data=body, content_type="application/json", headers={header: signature}
    )
    assert_no_server_error(response)
    assert response.status_code in (200, 400)
    return response


@pytest.fixture
def api(configured, edge, django_capture_on_commit_callbacks):
    return Api(django_capture_on_commit_callbacks)


@FUZZ
@given(
    payload=st.one_of(
        st.fixed_dictionaries(
            {"events": st.one_of(st.lists(st.one_of(LINE_EVENT, ANY), max_size=3), ANY)}
        ),
        ANY,
    )
)
def test_line_any_signed_json(api, organization, payload):
    body = json.dumps(payload, ensure_ascii=False).encode()
    _post(
        api,
        f"/api/line/{organization.slug}/webhook",
        body,
        "X-Line-Signature",
        line_signature(LINE_SECRET, body),
    )


@FUZZ
@given(body=st.binary(max_size=200))
def test_line_any_signed_bytes(api, organization, body):
    _post(
        api,
        f"/api/line/{organization.slug}/webhook",
        body,
        "X-Line-Signature",
        line_signature(LINE_SECRET, body),
    )


@FUZZ
@given(
    payload=st.one_of(
        st.fixed_dictionaries(
            {
                "object": st.just("page"),
                "entry": st.one_of(
                    st.lists(
                        st.one_of(
                            st.fixed_dictionaries(
                                {"messaging": st.one_of(st.lists(FB_ITEM), ANY)}
                            ),
                            ANY,
                        ),
                        max_size=2,
                    ),
                    ANY,
                ),
            }
        ),
        ANY,
    )
)
def test_messenger_any_signed_json(api, organization, payload):
    body = json.dumps(payload).encode()
    _post(
        api,
        f"/api/facebook/{organization.slug}/webhook",
        body,
        "X-Hub-Signature-256",
        meta_signature(FB_SECRET, body),
    )


@pytest.mark.parametrize("body", [b"[]", b"5", b'"x"', b'{"events": 5}', b"\xff"])
def test_line_malformed_bodies_are_400(api, organization, body):
    response = _post(
        api,
        f"/api/line/{organization.slug}/webhook",
        body,
        "X-Line-Signature",
        line_signature(LINE_SECRET, body),
    )
    assert response.status_code == 400


def test_nul_characters_are_removed_before_storing(api, organization):
    event = {
        "type": "message",
        "webhookEventId": "ev\x00-1",
        "source": {"type": "user", "userId": "U\x001"},
        "message": {"type": "text", "id": "m1", "text": "ไฟ\x00ดับ"},
    }
    body = json.dumps({"events": [event]}).encode()
    _post(
        api,
        f"/api/line/{organization.slug}/webhook",
        body,
        "X-Line-Signature",
        line_signature(LINE_SECRET, body),
    )
    stored = InboundEvent.objects.get()
    assert stored.event_id == "ev-1"
    assert stored.payload["message"]["text"] == "ไฟดับ"


def test_messenger_wrong_types_are_skipped(api, organization):
    payload = {
        "entry": [
            {"messaging": [{"sender": "x", "message": ["not", "a", "dict"]}]},
            {"messaging": 5},
            "entry",
        ]
    }
    body = json.dumps(payload).encode()
    response = _post(
        api,
        f"/api/facebook/{organization.slug}/webhook",
        body,
        "X-Hub-Signature-256",
        meta_signature(FB_SECRET, body),
    )
    assert response.status_code == 200
    assert not InboundEvent.objects.exists()


@pytest.mark.parametrize(
    "event",
    [
        {"type": "message", "source": "U1", "message": {"type": "text"}},
        {"type": "message", "source": {"type": "user", "userId": ["U1"]}},
        {
            "type": "message",
            "source": {"type": "user", "userId": "U1"},
            "message": ["text"],
        },
        {"type": "follow", "source": {"type": "user", "userId": {"a": 1}}},
    ],
)
def test_line_events_of_the_wrong_shape_are_processed_quietly(api, organization, event):
    body = json.dumps({"events": [{"webhookEventId": "e1", **event}]}).encode()
    response = _post(
        api,
        f"/api/line/{organization.slug}/webhook",
        body,
        "X-Line-Signature",
        line_signature(LINE_SECRET, body),
    )
    assert response.status_code == 200
    assert InboundEvent.objects.get().processed_at is not None


@pytest.mark.parametrize(
    "item",
    [
        {"sender": "x", "message": {"mid": "m1", "text": "ก"}},
        {"sender": {"id": "1"}, "message": {"mid": "m1", "attachments": 5}},
        {"sender": {"id": "1"}, "message": {"mid": "m1", "attachments": ["x"]}},
        {
            "sender": {"id": "1"},
            "message": {"mid": "m1", "attachments": [{"type": "image", "payload": 1}]},
        },
    ],
)
def test_messenger_items_of_the_wrong_shape_are_processed_quietly(
    api, organization, item
):
    body = json.dumps({"entry": [{"messaging": [item]}]}).encode()
    response = _post(
        api,
        f"/api/facebook/{organization.slug}/webhook",
        body,
        "X-Hub-Signature-256",
        meta_signature(FB_SECRET, body),
    )
    assert response.status_code == 200
    assert InboundEvent.objects.get().processed_at is not None


@pytest.mark.parametrize("depth", [100, 900, 5000])
def test_deeply_nested_json_is_answered(api, organization, depth):
    body = ('{"events": [' + '{"a": ' * depth + "1" + "}" * depth + "]}").encode()
    _post(
        api,
        f"/api/line/{organization.slug}/webhook",
        body,
        "X-Line-Signature",
        line_signature(LINE_SECRET, body),
    )
