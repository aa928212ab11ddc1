"""Tenancy made structural: every organisation-owned query is scoped, or says it is not.

A model that belongs to one organisation inherits
:class:`prongsai.core.models.OrganizationOwned`
(or, with a QuerySet of its own, subclasses :class:`TenantQuerySet`). Its
``tenant_path`` names the way to the organisation (``"organization"``, or
``"plan__organization"`` for a model owned through its plan).

When ``PRONGSAI_TENANCY_STRICT`` is on (tests and development), evaluating a
query on such a model raises :class:`UnscopedTenantQuery` unless the query is
filtered

* by its organisation (``filter(organization=org)``, ``for_organization(org)``,
  ``organization.plans.all()``), or
* by a foreign key to another organisation-owned object
  (``plan.measures.all()``: the plan was fetched through its own scope),

or was marked :meth:`TenantQuerySet.all_organizations` because crossing
organisations is its purpose (a beat job looping over every organisation, a
management command, the platform admin, a platform-wide page). Code in test
modules is exempt, and so are Django's own uniqueness checks and the platform
admin. With the setting off (production), the same query is logged once per
model and place instead, so a missed scope is seen without breaking a page.

``Membership`` stays unscoped on purpose: a user's memberships across
organisations is what it answers.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models.lookups import Lookup
from django.db.models.sql.where import AND, NothingNode, WhereNode

logger = logging.getLogger(__name__)

ORGANIZATION_LABEL = "organizations.Organization"

# Django functions whose unscoped queries are fine: uniqueness checks look
# for *any* row with the value, across organisations, by design.
_DJANGO_ALLOWED = frozenset(
    {
        "_perform_unique_checks",
        "_perform_date_checks",
        "validate_constraints",
        "validate",  # UniqueConstraint.validate
        "bulk_update",
    }
)
_LOGGED: set[tuple[str, str]] = set()


class UnscopedTenantQuery(RuntimeError):
    """A query on organisation-owned records was not scoped to an organisation."""


def is_anchor(model: Any) -> bool:
    """Whether a filter on *model* (a foreign key to it) scopes a query."""
    if model is None or not hasattr(model, "_meta"):
        return False
    return model._meta.label == ORGANIZATION_LABEL or is_tenant_model(model)


def is_tenant_model(model: Any) -> bool:
    """Whether *model* holds records of one organisation."""
    manager = getattr(model, "_default_manager", None)
    queryset_class = getattr(manager, "_queryset_class", None)
    return isinstance(queryset_class, type) and issubclass(
        queryset_class, TenantQuerySet
    )


def _lookup_scoped(lookup: Lookup, base_table: str | None) -> bool:
    if lookup.lookup_name not in ("exact", "in") or lookup.rhs is None:
        return False
    target = getattr(lookup.lhs, "target", None)
    alias = getattr(lookup.lhs, "alias", None)
    if target is None:
        return False
    if target.is_relation and (target.many_to_one or target.one_to_one):
        return is_anchor(target.related_model)
    if alias == base_table:
        # ``filter(pk=...)`` on the model itself names a row, not an owner.
        return False
    return is_anchor(target.model) and (target.primary_key or target.name == "slug")


def _node_scoped(node: Any, base_table: str | None) -> bool:
    if isinstance(node, NothingNode):
        return True
    if isinstance(node, Lookup):
        return _lookup_scoped(node, base_table)
    if isinstance(node, WhereNode):
        if node.negated or not node.children:
            return False
        results = [_node_scoped(child, base_table) for child in node.children]
        return any(results) if node.connector == AND else all(results)
    return False


def query_is_scoped(query) -> bool:
    """Whether the SQL *query* is filtered to one organisation's records."""
    # Not ``query.base_table``: that cached property would freeze ``None`` on a
    # query that has no alias yet.
    base_table = next(iter(query.alias_map), query.get_meta().db_table)
    return _node_scoped(query.where, base_table)


def _project_frame(start) -> tuple[str, bool]:
    """The first frame of project code calling in, and whether Django allows it.

    Frames of Django, other libraries and the standard library are skipped.
    """
    frame = start
    while frame is not None:
        filename = frame.f_code.co_filename
        if "/django/" in filename:
            if frame.f_code.co_name in _DJANGO_ALLOWED:
                return filename, True
            if "/django/contrib/admin/" in filename:
                return filename, True
        elif filename != __file__ and "/prongsai/" in filename:
            return f"{filename}:{frame.f_lineno}", False
        frame = frame.f_back
    return "", True


def _is_test_code(location: str) -> bool:
    path = location.rsplit(":", 1)[0]
    return (
        "/tests/" in path
        or path.endswith("conftest.py")
        or path.endswith("/core/testing.py")
    )


class TenantQuerySet(models.QuerySet):
    """A QuerySet of organisation-owned records that refuses to run unscoped."""

    _tenant_cross = False

    def for_organization(self, organization) -> Self:
        """The records of *organization* (an ``Organization`` or its pk)."""
        path = getattr(self.model, "tenant_path", "organization")
        return self.filter(**{path: organization})

    def all_organizations(self) -> Self:
        """Mark the query as deliberately crossing organisations."""
        clone = self.all()
        clone._tenant_cross = True
        return clone

    def _clone(self):
        # QuerySet._clone is private Django API (not in django-stubs); every
        # chained QuerySet is made by it, so the mark is carried here.
        clone = super()._clone()  # type: ignore[misc]
        clone._tenant_cross = self._tenant_cross
        return clone

    def _check_scope(self) -> None:
        if self._tenant_cross or query_is_scoped(self.query):
            return
        location, allowed = _project_frame(sys._getframe(2))
        if allowed or _is_test_code(location):
            return
        message = (
            f"{self.model._meta.label} queried without an organisation at {location}: "
            "filter by organisation (for_organization) or mark all_organizations()."
        )
        if getattr(settings, "PRONGSAI_TENANCY_STRICT", False):
            raise UnscopedTenantQuery(message)
        key = (self.model._meta.label, location)
        if key not in _LOGGED:
            _LOGGED.add(key)
            logger.warning(message)

    # Every way a QuerySet reaches the database goes through one of these.
    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_scope()
        super()._fetch_all()

    def count(self) -> int:
        if self._result_cache is None:
            self._check_scope()
        return super().count()

    def exists(self) -> bool:
        if self._result_cache is None:
            self._check_scope()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs) -> int:
        self._check_scope()
        return super().update(**kwargs)

    def delete(self):
        self._check_scope()
        return super().delete()

    def iterator(self, chunk_size=None):
        self._check_scope()
        return super().iterator(chunk_size=chunk_size)


TenantManager = models.Manager.from_queryset(TenantQuerySet)
