"""Which status may follow which: the complaint workflow as data."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.workflow import Workflow, step

from .models import Status

OPEN = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_PROGRESS)


def _refused(old: str, new: str) -> str:
    return _("A case that is “%(old)s” cannot become “%(new)s”.") % {
        "old": old,
        "new": new,
    }


CASES = Workflow(
    action="case.status",
    labels=Status,
    refused=_refused,
    steps=[
        step(Status.ACKNOWLEDGED, [Status.RECEIVED]),
        # A closed case may be reopened (e.g. the complainant is not satisfied).
        step(
            Status.IN_PROGRESS,
            [
                Status.RECEIVED,
                Status.ACKNOWLEDGED,
                Status.FORWARDED,
                Status.RESOLVED,
                Status.REJECTED,
            ],
        ),
        step(
            Status.FORWARDED,
            OPEN,
            reason=True,
            reason_message=gettext_lazy("Name the agency the case is forwarded to."),
            reason_field="forwarded_to",
        ),
        step(Status.RESOLVED, [*OPEN, Status.FORWARDED]),
        step(
            Status.REJECTED,
            OPEN,
            reason=True,
            reason_message=gettext_lazy("Give the reason for rejecting the case."),
            reason_field="rejection_reason",
        ),
    ],
)

# Merging a duplicate closes it as resolved: a move of its own (never offered
# among the usual next steps), audited as the merge.
MERGING = Workflow(
    action="case.merge",
    labels=Status,
    refused=_refused,
    steps=[step(Status.RESOLVED, [*OPEN, Status.FORWARDED])],
)
