"""Where the integrity registers keep personal data (prongsai.core.personal_data):
members' acknowledgements of the code of ethics and the ethics activities
they are recorded as taking part in."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.core.audit import audit_log
from prongsai.core.personal_data import Found, PersonalDataSource, register
from prongsai.organizations.models import Membership

from .models_ethics import EthicsAcknowledgement, EthicsActivity


def _memberships(organization, identifiers) -> list[int]:
    query = Q()
    if identifiers.email:
        query |= Q(user__email__iexact=identifiers.email)
    if identifiers.name:
        query |= Q(user__full_name__iexact=identifiers.name)
    if not query:
        return []
    return list(
        Membership.objects.filter(organization=organization)
        .filter(query)
        .values_list("pk", flat=True)
    )


def _acknowledgements(organization, pks=None, identifiers=None):
    found = EthicsAcknowledgement.objects.filter(organization=organization)
    if identifiers is not None:
        found = found.filter(membership__in=_memberships(organization, identifiers))
    if pks is not None:
        found = found.filter(pk__in=pks)
    return found.select_related("document", "membership__user").order_by(
        "acknowledged_at"
    )


def find_acknowledgements(*, organization, identifiers) -> list[Found]:
    return [
        Found(
            source="integrity.ethics_acknowledgement",
            pk=a.pk,
            label=gettext("Acknowledged %(title)s (%(version)s)")
            % {"title": a.document.title, "version": a.document.version_label},
            when=a.acknowledged_at,
        )
        for a in _acknowledgements(organization, identifiers=identifiers)
    ]


def export_acknowledgements(*, organization, pks) -> list[dict]:
    return [
        {
            "member": a.membership.user.display_name,
            "code": a.document.title,
            "version": a.document.version_label,
            "acknowledged_at": a.acknowledged_at.isoformat(),
        }
        for a in _acknowledgements(organization, pks=pks)
    ]


def _erase(rows, target, *, organization, actor, reason, action: str) -> int:
    """Delete each of *rows*, first writing its audit row on ``target(row)``."""
    done = 0
    for row in rows:
        audit_log(
            actor=actor,
            organization=organization,
            action=action,
            target=target(row),
            changes={"reason": reason},
        )
        row.delete()
        done += 1
    return done


def erase_acknowledgements(*, organization, pks, actor, reason, now) -> int:
    return _erase(
        _acknowledgements(organization, pks=pks),
        lambda acknowledgement: acknowledgement.document,
        organization=organization,
        actor=actor,
        reason=reason,
        action="ethics.acknowledgement_erase",
    )


Participation = EthicsActivity.participant_members.through


def _participation(organization, pks=None, identifiers=None):
    """Rows of the activities' participant lists (one per member and activity)."""
    found = Participation.objects.filter(ethicsactivity__organization=organization)
    if identifiers is not None:
        found = found.filter(membership__in=_memberships(organization, identifiers))
    if pks is not None:
        found = found.filter(pk__in=pks)
    return found.select_related("ethicsactivity").order_by("ethicsactivity__held_on")


def find_participation(*, organization, identifiers) -> list[Found]:
    return [
        Found(
            source="integrity.ethics_participation",
            pk=row.pk,
            label=gettext("Took part in %(title)s")
            % {"title": row.ethicsactivity.title},
        )
        for row in _participation(organization, identifiers=identifiers)
    ]


def export_participation(*, organization, pks) -> list[dict]:
    return [
        {
            "activity": row.ethicsactivity.title,
            "held_on": row.ethicsactivity.held_on.isoformat(),
            "kind": row.ethicsactivity.kind,
        }
        for row in _participation(organization, pks=pks)
    ]


def erase_participation(*, organization, pks, actor, reason, now) -> int:
    """Take the person off the activities' lists of participants (the counts stay)."""
    return _erase(
        _participation(organization, pks=pks),
        lambda row: row.ethicsactivity,
        organization=organization,
        actor=actor,
        reason=reason,
        action="ethics_activity.participant_erase",
    )


register(
    PersonalDataSource(
        key="integrity.ethics_acknowledgement",
        label=_("Acknowledgements of the code of ethics"),
        find=find_acknowledgements,
        export=export_acknowledgements,
        erase=erase_acknowledgements,
    )
)
register(
    PersonalDataSource(
        key="integrity.ethics_participation",
        label=_("Participation in ethics activities"),
        find=find_participation,
        export=export_participation,
        erase=erase_participation,
    )
)
