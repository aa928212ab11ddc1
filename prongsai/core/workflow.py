"""Status workflows as data: which status may follow which, who may move it.

Each app declares one :class:`Workflow` (complaints, E-Service requests,
plans, OIT items) and moves its records only through :func:`transition`,
which checks the move, sets the status, saves and writes the audit row::

    transition(case, Status.RESOLVED, actor=user, workflow=CASE_WORKFLOW)

Refusals are :class:`~prongsai.core.errors.DomainError` with a Thai message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .audit import audit_log
from .errors import DomainError

Message = Callable[[str, str], str]  # (from, to) -> translated text
Text = Any  # a str or a lazily translated one (gettext_lazy)


@dataclass(frozen=True)
class Step:
    """Moving to ``to`` from any of ``sources``.

    ``roles``: the member needs one of them (superusers always may);
    ``allowed``: a further ``(actor, obj) -> bool`` check; ``reason``: a
    written reason is required. The messages and ``action`` override the
    workflow's.
    """

    to: str
    sources: frozenset[str]
    roles: frozenset[str] = frozenset()
    allowed: Callable[[Any, Any], bool] | None = None
    reason: bool = False
    refused: Text = None
    forbidden: Text = None
    reason_message: Text = None
    reason_field: str | None = None
    action: str | None = None


def step(to: str, sources: Iterable[str], **options: Any) -> Step:
    return Step(to=to, sources=frozenset(sources), **options)


def _refused(old: str, new: str) -> str:
    return _("The status “%(old)s” cannot become “%(new)s”.") % {
        "old": old,
        "new": new,
    }


@dataclass(frozen=True)
class Workflow:
    """A declared table of moves for the ``field`` of one kind of record.

    ``action`` names the audit row (a step may name its own); ``labels``
    are the status choices, used for messages and for the order of
    :meth:`allowed_next`; ``roles_of`` returns the roles ``actor`` holds for
    ``obj`` (the app knows its memberships; ``core`` does not).
    """

    action: str
    labels: type[models.TextChoices]
    steps: Sequence[Step]
    field: str = "status"
    error_field: str | None = "status"
    refused: Message = _refused
    forbidden: Text = ""
    reason_message: Text = ""
    reason_field: str = "reason"
    roles_of: Callable[[Any, Any], Iterable[str]] | None = None
    # Whether the moves show on public pages (``audit_log(public=...)``).
    public: bool = True

    def _steps_to(self, target: str) -> list[Step]:
        return [one for one in self.steps if one.to == target]

    def label(self, value: str) -> str:
        if value in self.labels.values:
            return str(self.labels(value).label)
        return value

    def table(self) -> dict[str, frozenset[str]]:
        """``{from: {to, ...}}``, the whole workflow at a glance."""
        out: dict[str, set[str]] = {}
        for one in self.steps:
            for source in one.sources:
                out.setdefault(source, set()).add(one.to)
        return {source: frozenset(targets) for source, targets in out.items()}

    def step_for(self, source: str, target: str) -> Step | None:
        for one in self._steps_to(target):
            if source in one.sources:
                return one
        return None

    def can_move(self, source: str, target: str) -> bool:
        return self.step_for(source, target) is not None

    def allowed_next(self, source: str) -> list[str]:
        """The statuses ``source`` may move to, in the order of the choices."""
        return [s for s in self.labels.values if self.can_move(source, s)]

    def may(self, one: Step, actor, obj) -> bool:
        if one.roles and not getattr(actor, "is_superuser", False):
            held = set(self.roles_of(actor, obj)) if self.roles_of else set()
            if not held & one.roles:
                return False
        return one.allowed is None or one.allowed(actor, obj)

    def check(self, obj, to: str, *, actor, reason: str = "") -> Step:
        """The step that moves ``obj`` to ``to``; DomainError when refused.

        Who may act is checked first (for any step to ``to``), then whether
        the current status allows the move, then the reason.
        """
        old = getattr(obj, self.field)
        candidates = self._steps_to(to)
        if candidates and not any(self.may(one, actor, obj) for one in candidates):
            raise DomainError(
                str(
                    candidates[0].forbidden
                    or self.forbidden
                    or _("You may not make this change.")
                ),
                field=self.error_field,
            )
        one = self.step_for(old, to)
        if one is None:
            message = (candidates[0].refused if candidates else None) or (
                self.refused(self.label(old), self.label(to))
            )
            raise DomainError(str(message), field=self.error_field)
        if one.reason and not (reason or "").strip():
            raise DomainError(
                str(
                    one.reason_message
                    or self.reason_message
                    or _("Give the reason for this change.")
                ),
                field=one.reason_field or self.reason_field,
            )
        return one


def transition(
    obj: models.Model,
    to: str,
    *,
    actor,
    workflow: Workflow,
    reason: str = "",
    prepare: Callable[[str], None] | None = None,
    changes: dict[str, Any] | None = None,
    save_fields: Sequence[str] | None = None,
    clean: bool = False,
    organization=None,
) -> str:
    """Check and make one move of ``obj``; return the status it left.

    ``prepare(old)`` runs after the checks and before the save, for the
    app's own rules and fields (it may raise DomainError too). The audit row
    ``workflow.action`` holds ``{field: {"old", "new"}}`` plus ``changes``.
    ``save_fields`` saves only those fields (with the status); ``clean``
    runs ``full_clean`` first.
    """
    one = workflow.check(obj, to, actor=actor, reason=reason)
    old = getattr(obj, workflow.field)
    if prepare is not None:
        prepare(old)
    setattr(obj, workflow.field, to)
    if clean:
        obj.full_clean()
    if save_fields is None:
        obj.save()
    else:
        obj.save(update_fields=[workflow.field, *save_fields])
    row: dict[str, Any] = {}
    if old != to:
        row[workflow.field] = {"old": old, "new": to}
    row.update(changes or {})
    audit_log(
        actor=actor,
        organization=organization or obj.organization,  # type: ignore[attr-defined]
        action=one.action or workflow.action,
        target=obj,
        changes=row,
        public=workflow.public,
    )
    return old
