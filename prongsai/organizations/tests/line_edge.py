"""A stand-in for the LINE network edge (``channels._open``) for any app's tests."""

from __future__ import annotations

import json
from dataclasses import dataclass

from prongsai.organizations import channels
from prongsai.organizations.services_channels import channel_settings_update


@dataclass(frozen=True)
class Push:
    token: str
    to: str
    text: str
    retry_key: str


class LineEdge:
    """Records the pushes sent to LINE and answers ``status``."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.pushes: list[Push] = []

    def __call__(self, request) -> channels.Response:
        if request.full_url.endswith("/message/push"):
            body = json.loads(request.data.decode("utf-8"))
            self.pushes.append(
                Push(
                    token=request.get_header("Authorization").removeprefix("Bearer "),
                    to=body["to"],
                    text=body["messages"][0]["text"],
                    retry_key=request.get_header("X-line-retry-key") or "",
                )
            )
        return channels.Response(self.status, b"{}")


def line_token(organization) -> str:
    return f"token-{organization.slug}"


def configure_line(monkeypatch, *organizations, status: int = 200) -> LineEdge:
    """Give each organisation a LINE channel and stub the network edge."""
    for organization in organizations:
        channel_settings_update(
            actor=None,
            organization=organization,
            line_channel_secret=f"secret-{organization.slug}",
            line_access_token=line_token(organization),
        )
    edge = LineEdge(status)
    monkeypatch.setattr(channels, "_open", edge)
    return edge
