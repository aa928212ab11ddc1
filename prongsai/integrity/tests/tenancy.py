"""How to build an object of a given organisation for each integrity route."""

import itertools

from django.utils import timezone

from prongsai.integrity.models import NoGiftActivity, NoGiftAnnouncement

_years = itertools.count(2600)


def _announcement(organization, **extra):
    return NoGiftAnnouncement.objects.create(
        organization=organization,
        fiscal_year=next(_years),
        announced_on=timezone.localdate(),
        executive_name="ผู้บริหาร",
        executive_position="นายก",
        body="ประกาศ",
        **extra,
    )


def _no_gift_announcement(organization):
    return {"pk": _announcement(organization).pk}


def _published_no_gift_year(organization):
    announcement = _announcement(organization, published_at=timezone.now())
    return {"fiscal_year": announcement.fiscal_year}


def _no_gift_activity(organization):
    activity = NoGiftActivity.objects.create(
        organization=organization,
        fiscal_year=2569,
        held_on=timezone.localdate(),
        title="อบรม",
        kind=NoGiftActivity.Kind.TRAINING,
    )
    return {"pk": activity.pk}


ROUTE_OBJECTS = {
    "integrity-staff:no-gift-announcement-edit": _no_gift_announcement,
    "integrity-staff:no-gift-announcement-publish": _no_gift_announcement,
    "integrity-staff:no-gift-activity-edit": _no_gift_activity,
    "integrity-staff:no-gift-activity-delete": _no_gift_activity,
    "integrity-public:no-gift-year": _published_no_gift_year,
}


# --- HR registers ---------------------------------------------------------------------


def _hr_actor(organization):
    from prongsai.accounts.tests.factories import UserFactory

    return UserFactory()


def _hr_plan(organization, fiscal_year=None, *, publish=False):
    from prongsai.core import thai_dates
    from prongsai.integrity import services_hr, services_hr_publish
    from prongsai.integrity.models_hr import HRPlan

    year = fiscal_year or thai_dates.fiscal_year(timezone.localdate())
    plan = HRPlan.objects.filter(organization=organization, fiscal_year=year).first()
    actor = _hr_actor(organization)
    if plan is None:
        plan = services_hr.hr_plan_create(
            actor=actor,
            organization=organization,
            fiscal_year=year,
            approved_on=timezone.localdate(),
            approved_by_name="ผู้บริหาร",
        )
    if not plan.projects.exists():  # an earlier route may have removed it
        project = services_hr.hr_project_create(
            actor=actor,
            plan=plan,
            name="อบรม",
            category="development",
            start_month=1,
            end_month=2,
        )
        services_hr.hr_project_result_update(
            actor=actor, project=project, status="done", output="อบรมแล้ว"
        )
    if publish:
        from prongsai.integrity import selectors_hr

        published = {"organization": organization, "fiscal_year": year}
        if selectors_hr.hr_published_plan_get(**published) is None:
            services_hr_publish.hr_plan_publish(actor=actor, **published)
        if selectors_hr.hr_published_report_get(**published) is None:
            services_hr_publish.hr_report_publish(actor=actor, **published)
    return plan


def _hr_project(organization):
    return {"pk": _hr_plan(organization).projects.first().pk}


def _hr_criterion(organization):
    from prongsai.integrity.models_hr import HRCriterion

    criterion = HRCriterion.objects.create(
        organization=organization,
        kind="recruitment",
        title="หลักเกณฑ์",
        effective_from=timezone.localdate(),
        text="ข้อความ",
    )
    return {"pk": criterion.pk}


def _training_record(organization):
    from prongsai.integrity.models_hr import TrainingRecord

    record = TrainingRecord.objects.create(
        organization=organization,
        fiscal_year=2569,
        person_name="บุคคลภายนอก",
        course="หลักสูตร",
        start_on=timezone.localdate(),
        end_on=timezone.localdate(),
        hours=6,
    )
    return {"pk": record.pk}


def _training_import(organization):
    from prongsai.integrity.models_hr import TrainingImport

    batch = TrainingImport.objects.create(organization=organization, filename="a.csv")
    return {"pk": batch.pk}


def _hr_draft(organization):
    _hr_plan(organization)
    return {"document": "plan", "extension": "pdf"}


def _hr_publish(organization):
    _hr_plan(organization)
    return {"document": "plan"}


def _hr_public_year(organization):
    return {"fiscal_year": _hr_plan(organization, publish=True).fiscal_year}


def _hr_public_download(organization):
    return _hr_public_year(organization) | {"document": "report", "extension": "pdf"}


ROUTE_OBJECTS.update(
    {
        "integrity-staff:hr-project-edit": _hr_project,
        "integrity-staff:hr-project-result": _hr_project,
        "integrity-staff:hr-project-delete": _hr_project,
        "integrity-staff:hr-criterion-edit": _hr_criterion,
        "integrity-staff:hr-criterion-delete": _hr_criterion,
        "integrity-staff:hr-training-edit": _training_record,
        "integrity-staff:hr-training-delete": _training_record,
        "integrity-staff:hr-training-import-preview": _training_import,
        "integrity-staff:hr-document": _hr_draft,
        "integrity-staff:hr-publish": _hr_publish,
        "integrity-public:hr-year": _hr_public_year,
        "integrity-public:hr-report": _hr_public_year,
        "integrity-public:hr-download": _hr_public_download,
    }
)
