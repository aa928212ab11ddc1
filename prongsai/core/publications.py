"""Publishing a record: freeze what the public sees until it is published again.

The one home for "published means frozen" for records that have no
publication model of their own (the ITA analysis and plans still keep theirs,
to be moved here). A record's public page and public documents read
:func:`publication_current` and render its ``snapshot`` and ``pdf``, never the
live record::

    snapshot = hr_plan_snapshot(plan)            # plain JSON-able data
    pdf = render_pdf("integrity/hr/plan_pdf.html", {"plan": snapshot})
    publication_publish(actor=user, subject=plan, snapshot=snapshot, pdf=pdf,
                        filename=f"hr-plan-{plan.fiscal_year}.pdf")

    current = publication_current(plan)          # None until published
    current.snapshot, current.pdf.url, current.sha256, current.number

Each call adds a row numbered from 1 per record (earlier rows stay as the
record's history); publishing a snapshot equal to the current one is refused,
so the history only holds real changes. :func:`publication_withdraw` takes the
record off the public pages without deleting its history.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.models import Publication

if TYPE_CHECKING:  # types only: core never imports the apps at run time
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

__all__ = [
    "VOLATILE_KEYS",
    "publication_current",
    "publication_get",
    "publication_latest",
    "publication_list",
    "publication_publish",
    "publication_withdraw",
    "publications_current",
    "says_the_same",
]

# Snapshot keys that change without the content changing (when it was built).
VOLATILE_KEYS = frozenset({"generated_at", "generated_on", "built_at", "today"})


def _organization_of(subject: models.Model) -> Organization:
    """The organisation ``subject`` belongs to, through its ``tenant_path``."""
    value: Any = subject
    for part in getattr(subject, "tenant_path", "organization").split("__"):
        value = getattr(value, part)
    return value


def _plain(snapshot: dict) -> dict:
    """The snapshot as it will read back from the JSON column."""
    return json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))


def says_the_same(publication: Publication | None, snapshot: dict) -> bool:
    """Whether ``publication`` already says what ``snapshot`` says."""
    if publication is None or not publication.snapshot:
        return False

    def content(data: dict) -> dict:
        return {k: v for k, v in data.items() if k not in VOLATILE_KEYS}

    return content(publication.snapshot) == content(_plain(snapshot))


def _publisher(actor: User | None, organization: Organization) -> tuple[str, str]:
    """The name and position printed as who published."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "", ""
    # Looked up by name: core sits below the organisations app.
    membership_model = apps.get_model("organizations", "Membership")
    membership = (
        membership_model.objects.active()
        .filter(organization=organization, user=actor)
        .only("position")
        .first()
    )
    return actor.display_name[:200], (membership.position if membership else "")[:200]


def _subject_rows(subject: models.Model):
    return Publication.objects.for_organization(_organization_of(subject)).filter(
        content_type=ContentType.objects.get_for_model(
            subject, for_concrete_model=False
        ),
        object_id=subject.pk,
    )


def publication_current(subject: models.Model) -> Publication | None:
    """The publication the public sees now, or ``None`` (never or withdrawn)."""
    latest = publication_latest(subject)
    if latest is None or latest.withdrawn_at is not None:
        return None
    return latest


def publication_list(subject: models.Model) -> list[Publication]:
    """Every publication of ``subject``, newest first (its history)."""
    return list(_subject_rows(subject).order_by("-number"))


def publication_latest(subject: models.Model) -> Publication | None:
    """The newest publication of ``subject``, withdrawn or not."""
    return _subject_rows(subject).order_by("-number").first()


def publication_latest_of_each(
    subjects: list[models.Model],
) -> dict[int, Publication]:
    """The newest publication of each of ``subjects`` (records of one model
    and one organisation), keyed by the record's primary key: one query for a
    whole list page instead of ``publication_latest`` per row."""
    if not subjects:
        return {}
    first = subjects[0]
    rows = Publication.objects.for_organization(_organization_of(first)).filter(
        content_type=ContentType.objects.get_for_model(first, for_concrete_model=False),
        object_id__in=[subject.pk for subject in subjects],
    )
    latest: dict[int, Publication] = {}
    for row in rows.select_related("published_by").order_by("object_id", "-number"):
        latest.setdefault(row.object_id, row)
    return latest


def publication_get(subject: models.Model, pk: object) -> Publication | None:
    """One publication of ``subject`` by id (a URL's), or ``None``."""
    try:
        return _subject_rows(subject).get(pk=pk)
    except (Publication.DoesNotExist, ValueError, TypeError):
        return None


def publications_current(
    organization: Organization, model: type[models.Model], ids: Iterable[int]
) -> dict[int, Publication]:
    """The current publication of each record of ``model`` among ``ids``.

    One query for a list page; records never published or withdrawn are
    left out.
    """
    rows = (
        Publication.objects.for_organization(organization)
        .filter(
            content_type=ContentType.objects.get_for_model(
                model, for_concrete_model=False
            ),
            object_id__in=list(ids),
        )
        .order_by("object_id", "-number")
    )
    current: dict[int, Publication] = {}
    seen: set[int] = set()
    for row in rows:
        if row.object_id in seen:
            continue
        seen.add(row.object_id)
        if row.withdrawn_at is None:
            current[row.object_id] = row
    return current


@transaction.atomic
def publication_publish(
    *,
    actor: User | None,
    subject: models.Model,
    snapshot: dict,
    pdf: bytes | None = None,
    filename: str = "",
    action: str = "",
    changes: dict | None = None,
    refuse_unchanged: bool = True,
) -> Publication:
    """Publish ``subject``: freeze ``snapshot`` (and its PDF) for the public.

    ``snapshot`` is plain data (dates and decimals are stored as text) holding
    everything the public page prints; ``pdf`` is the PDF made from exactly
    that snapshot, stored with its SHA-256. Refused when the snapshot says
    what the current publication already says. The audit event is
    ``action`` (default ``publication.publish``) on ``subject``, with
    ``changes`` (e.g. the subject's own status) beside the publication's
    number and digest. ``refuse_unchanged=False`` records a publication
    even when nothing changed (plans: "publish again" also stamps the day).
    """
    organization = _organization_of(subject)
    # Lock the subject's row so two publishers never take the same number.
    manager: Any = type(subject)._default_manager
    manager.for_organization(organization).select_for_update().filter(
        pk=subject.pk
    ).exists()
    rows = _subject_rows(subject)
    latest = rows.order_by("-number").first()
    if (
        refuse_unchanged
        and latest is not None
        and latest.withdrawn_at is None
        and says_the_same(latest, snapshot)
    ):
        raise DomainError(_("Nothing has changed since it was last published."))
    if pdf is not None and not pdf.startswith(b"%PDF"):
        raise DomainError(_("The document could not be turned into a PDF file."))
    name, position = _publisher(actor, organization)
    number = (latest.number if latest else 0) + 1
    publication = Publication(
        organization=organization,
        content_type=ContentType.objects.get_for_model(
            subject, for_concrete_model=False
        ),
        object_id=subject.pk,
        number=number,
        published_at=timezone.now(),
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
        published_by_name=name,
        published_by_position=position,
        snapshot=_plain(snapshot),
    )
    if pdf is not None:
        publication.sha256 = hashlib.sha256(pdf).hexdigest()
        stem = (
            filename or f"{subject._meta.model_name}-{subject.pk}.pdf"
        ).removesuffix(".pdf")
        publication.pdf.save(f"{stem}-{number}.pdf", ContentFile(pdf), save=False)
    publication.save()
    audit_log(
        actor=actor,
        organization=organization,
        action=action or "publication.publish",
        target=subject,
        changes={
            **(changes or {}),
            "publication": number,
            "sha256": publication.sha256,
        },
    )
    return publication


@transaction.atomic
def publication_withdraw(
    *,
    actor: User | None,
    subject: models.Model,
    action: str = "",
    changes: dict | None = None,
) -> Publication:
    """Take ``subject`` off the public pages; its history stays."""
    current = publication_current(subject)
    if current is None:
        raise DomainError(_("It is not published."))
    current.withdrawn_at = timezone.now()
    current.save(update_fields=["withdrawn_at"])
    audit_log(
        actor=actor,
        organization=current.organization,
        action=action or "publication.withdraw",
        target=subject,
        changes={**(changes or {}), "publication": current.number},
    )
    return current
