"""Test helpers shared by apps: the cross-organisation route check.

Every URL under ``/<org>/`` must answer 404 when it is asked for another
organisation's object, and every back-office URL must answer 404 to a member
of another organisation. ``org_scoped_routes`` lists those URLs straight from
the URLconf, so a new route cannot escape the check: an app whose route takes
more than the organisation slug registers how to build an object of a given
organisation in its ``tests/tenancy.py`` as

    ROUTE_OBJECTS = {
        "organizations-staff:member-edit": lambda organization: {"pk": ...},
    }
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

ORG_KWARG = "org"


@dataclass(frozen=True)
class OrgRoute:
    name: str
    params: tuple[str, ...]  # route parameters other than ``org``

    @property
    def is_staff(self) -> bool:
        return (
            self.name.startswith("organizations-staff:")
            or ":staff-" in self.name
            or (".staff" in self.name)
        )


def _walk(patterns, prefix: str = "", namespace: str = "", params=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                ns,
                (*params, *entry.pattern.converters.keys()),
            )
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield (
                name,
                prefix + str(entry.pattern),
                (
                    *params,
                    *entry.pattern.converters.keys(),
                ),
            )


def org_scoped_routes() -> list[OrgRoute]:
    """Every named URL whose first path parameter is the organisation slug."""
    routes = []
    for name, route, params in _walk(get_resolver().url_patterns):
        if route.startswith("<slug:org>/"):
            routes.append(
                OrgRoute(name=name, params=tuple(p for p in params if p != ORG_KWARG))
            )
    return routes


def staff_route_names() -> set[str]:
    """Names of back-office routes (mounted under ``<org>/staff/``)."""
    return {
        name
        for name, route, _params in _walk(get_resolver().url_patterns)
        if route.startswith("<slug:org>/staff/")
    }


def route_object_builders() -> dict[str, Callable]:
    """``ROUTE_OBJECTS`` gathered from every Prongsai app's ``tests/tenancy.py``."""
    builders: dict[str, Callable] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("prongsai."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.tenancy")
        except ModuleNotFoundError as error:
            # No tenancy module, or no tests package at all (a new app).
            wanted = f"{config.name}.tests.tenancy"
            if error.name not in (wanted, f"{config.name}.tests"):
                raise
            continue
        builders.update(getattr(module, "ROUTE_OBJECTS", {}))
    return builders


def migration_targets(*nodes: tuple[str, str]) -> list[tuple[str, str]]:
    """Targets that put ``nodes`` at those migrations and every other app as far
    forward as it can go without them moving on.

    A data-migration test migrates back to ``migration_targets(("app", "000N"))``:
    the other apps' tables then match their latest models, so historical models
    of those apps can be created, whatever migrations the other apps gain later.
    """
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    held = {app: graph.forwards_plan(node) for app, node in ((n[0], n) for n in nodes)}
    later = {
        key
        for app, plan in held.items()
        for key in graph.nodes
        if key[0] == app and key not in plan
    }
    targets = list(nodes)
    for leaf in graph.leaf_nodes():
        if leaf[0] in held:
            continue
        node = leaf
        while node is not None and later.intersection(graph.forwards_plan(node)):
            parents = [p for p in graph.node_map[node].parents if p[0] == node[0]]
            node = parents[0] if parents else None
        if node is not None:
            targets.append(node)
    return targets


def migrate_to(targets):
    """Migrate the test database to ``targets``; the historical apps there.

    Data-migration tests go back with ``migrate_to(migration_targets(...))``,
    create rows with the returned apps, then migrate forward; the
    ``latest_migrations`` fixture brings the schema back afterwards.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def fetch_document(client, url: str, data=None, **extra):
    """GET a staff download the way a member's browser does, through its job.

    A long document (``core.document_jobs``) answers with a redirect to its
    job's page; the job runs when the request's transaction commits (tasks
    are eager in tests), and the file is then fetched from the job's
    download link. The answer is a plain response holding the file's bytes,
    whichever way it came; any other answer (a 403, a 404) is returned as is.
    """
    from django.http import HttpResponse
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(url, data, **extra)
    location = response.get("Location", "") if response.status_code == 302 else ""
    if "/staff/documents/" not in location:
        return response
    download = client.get(location + "download/")
    if download.status_code != 200:
        return download
    content = (
        b"".join(download.streaming_content) if download.streaming else download.content
    )
    plain = HttpResponse(content, content_type=download["Content-Type"])
    plain["Content-Disposition"] = download.get("Content-Disposition", "")
    plain.job_url = location  # type: ignore[attr-defined]
    return plain
