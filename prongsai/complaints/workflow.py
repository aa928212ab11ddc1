"""Which status may follow which: the complaint workflow as data."""

from __future__ import annotations

from .models import Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset(
        {
            Status.ACKNOWLEDGED,
            Status.IN_PROGRESS,
            Status.FORWARDED,
            Status.RESOLVED,
            Status.REJECTED,
        }
    ),
    Status.ACKNOWLEDGED: frozenset(
        {Status.IN_PROGRESS, Status.FORWARDED, Status.RESOLVED, Status.REJECTED}
    ),
    Status.IN_PROGRESS: frozenset({Status.FORWARDED, Status.RESOLVED, Status.REJECTED}),
    # A closed case may be reopened (e.g. the complainant is not satisfied).
    Status.FORWARDED: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS}),
    Status.REJECTED: frozenset({Status.IN_PROGRESS}),
}


def allowed_next(status: str) -> list[str]:
    """The statuses a case in ``status`` may move to, in workflow order."""
    nexts = TRANSITIONS.get(status, frozenset())
    return [s for s in Status.values if s in nexts]


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())
