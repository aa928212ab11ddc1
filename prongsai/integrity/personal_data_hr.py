"""Where the HR registers keep personal data (prongsai.core.personal_data):
the training records of a member (by e-mail or name) or of someone who is
not a member (by name)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.core.audit import audit_log
from prongsai.core.personal_data import Found, PersonalDataSource, register

from .models_hr import TrainingRecord


def _records(organization, identifiers):
    query = Q()
    if identifiers.email:
        query |= Q(member__user__email__iexact=identifiers.email)
    if identifiers.name:
        query |= Q(person_name__iexact=identifiers.name) | Q(
            member__user__full_name__iexact=identifiers.name
        )
    if not query:
        return TrainingRecord.objects.none()
    return (
        TrainingRecord.objects.filter(query, organization=organization)
        .select_related("member__user")
        .order_by("start_on")
    )


def find_training(*, organization, identifiers) -> list[Found]:
    return [
        Found(
            source="integrity.training_record",
            pk=record.pk,
            label=gettext("Training: %(course)s") % {"course": record.course},
        )
        for record in _records(organization, identifiers)
    ]


def export_training(*, organization, pks) -> list[dict]:
    return [
        {
            "name": record.display_name,
            "position": record.display_position,
            "course": record.course,
            "organiser": record.organiser,
            "start_on": record.start_on.isoformat(),
            "end_on": record.end_on.isoformat(),
            "hours": str(record.hours),
            "ethics": record.ethics,
            "cost": str(record.cost) if record.cost is not None else None,
        }
        for record in TrainingRecord.objects.filter(
            organization=organization, pk__in=pks
        ).select_related("member__user")
    ]


def erase_training(*, organization, pks, actor, reason, now) -> int:
    done = 0
    for record in TrainingRecord.objects.filter(organization=organization, pk__in=pks):
        audit_log(
            actor=actor,
            organization=organization,
            action="training.delete",
            target=record,
            changes={"fiscal_year": record.fiscal_year, "reason": reason},
        )
        record.delete()
        done += 1
    return done


register(
    PersonalDataSource(
        key="integrity.training_record",
        label=_("Training records"),
        find=find_training,
        export=export_training,
        erase=erase_training,
    )
)
