"""How to build an object of a given organisation for each integrity route."""

import itertools

from django.utils import timezone

from prongsai.integrity.models import EthicsActivity, NoGiftActivity, NoGiftAnnouncement

_years = itertools.count(2600)


def _pk(build):
    """The builder of a route taking ``pk``: the object *build* makes."""
    return lambda organization: {"pk": build(organization).pk}


def _activity(model):
    """The builder of a training activity of *model* (No Gift or ethics)."""

    def build(organization):
        return model.objects.create(
            organization=organization,
            fiscal_year=2569,
            held_on=timezone.localdate(),
            title="อบรม",
            kind=model.Kind.TRAINING,
        )

    return _pk(build)


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


def _declarant(organization):
    """The tenancy test's member holding every role (declarations are read
    and changed by their declarant), else a new member."""
    from prongsai.organizations.models import Membership
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import MembershipFactory

    for member in Membership.objects.filter(organization=organization):
        if set(Role.values) <= set(member.roles):
            return member
    return MembershipFactory(organization=organization)


def _coi_declaration(organization):
    from prongsai.integrity.models_coi import CoiDeclaration

    declaration = CoiDeclaration.objects.create(
        organization=organization,
        fiscal_year=2569,
        declarant=_declarant(organization),
        kind=CoiDeclaration.Kind.AD_HOC,
        declared_on=timezone.localdate(),
    )
    return declaration


def _coi_interest(organization):
    from prongsai.integrity.models_coi import CoiInterest

    interest = CoiInterest.objects.create(
        organization=organization,
        declaration=_coi_declaration(organization),
        kind=CoiInterest.Kind.OTHER,
        name="บริษัท ทดสอบ จำกัด",
        relationship=CoiInterest.Relationship.SELF,
    )
    return interest


def _coi_flag(organization):
    from prongsai.integrity.models_coi import CoiFlag
    from prongsai.procurement.tests.factories import BidFactory

    bid = BidFactory(
        procurement__organization=organization,
        supplier__organization=organization,
    )
    flag = CoiFlag.objects.create(
        organization=organization,
        interest=_coi_interest(organization),
        procurement=bid.procurement,
        supplier=bid.supplier,
        source=CoiFlag.Source.BIDDER,
        matched_on=CoiFlag.MatchedOn.NAME,
    )
    return {"pk": flag.pk}


def _coi_procurement(organization):
    from prongsai.procurement.tests.factories import ProcurementFactory

    return {"procurement_pk": ProcurementFactory(organization=organization).pk}


ROUTE_OBJECTS = {
    "integrity-staff:coi-declaration": _pk(_coi_declaration),
    "integrity-staff:coi-interest-create": _pk(_coi_declaration),
    "integrity-staff:coi-interest-delete": _pk(_coi_interest),
    "integrity-staff:coi-flag-review": _coi_flag,
    "integrity-staff:coi-committee": _coi_procurement,
    "integrity-staff:no-gift-announcement-edit": _no_gift_announcement,
    "integrity-staff:no-gift-announcement-publish": _no_gift_announcement,
    "integrity-staff:no-gift-activity-edit": _activity(NoGiftActivity),
    "integrity-staff:no-gift-activity-delete": _activity(NoGiftActivity),
    "integrity-public:no-gift-year": _published_no_gift_year,
}


# --- ethics ---


def _ethics_document(organization):
    from prongsai.integrity.models import EthicsDocument

    document = EthicsDocument.objects.create(
        organization=organization,
        kind=EthicsDocument.Kind.CODE,
        title="ประมวลจริยธรรม",
        version_label=f"ฉบับ {next(_years)}",
        effective_from=timezone.localdate(),
        text="ข้อความ",
    )
    return {"pk": document.pk}


def _ethics_group(organization):
    from prongsai.integrity.models import EthicsWorkingGroup

    group = EthicsWorkingGroup.objects.create(
        organization=organization,
        order_number="1/2569",
        ordered_on=timezone.localdate(),
        effective_from=timezone.localdate(),
    )
    return group


def _ethics_group_member(organization):
    from prongsai.integrity.models import EthicsWorkingGroupMember

    member = EthicsWorkingGroupMember.objects.create(
        organization=organization,
        group=_ethics_group(organization),
        name="สมชาย",
        position="ปลัด",
        role=EthicsWorkingGroupMember.Role.CHAIR,
    )
    return {"pk": member.pk}


def _ethics_guide(organization):
    from prongsai.integrity.models import EthicsGuide

    guide = EthicsGuide.objects.create(
        organization=organization,
        title="Dos & Don'ts",
        published_on=timezone.localdate(),
        url="https://example.org/guide",
    )
    return {"pk": guide.pk}


def _published_ethics_year(organization):
    from prongsai.accounts.tests.factories import UserFactory
    from prongsai.core import publications
    from prongsai.integrity.models import EthicsYear
    from prongsai.integrity.selectors_ethics import ethics_year_snapshot

    year = EthicsYear.objects.create(
        organization=organization,
        fiscal_year=next(_years),
        published_at=timezone.now(),
    )
    publications.publication_publish(
        actor=UserFactory(),
        subject=year,
        snapshot=ethics_year_snapshot(
            organization=organization, fiscal_year=year.fiscal_year
        ),
        pdf=b"%PDF-1.4",
        filename="ethics.pdf",
    )
    return {"fiscal_year": year.fiscal_year}


ROUTE_OBJECTS.update(
    {
        "integrity-staff:ethics-document-edit": _ethics_document,
        "integrity-staff:ethics-group": _pk(_ethics_group),
        "integrity-staff:ethics-group-edit": _pk(_ethics_group),
        "integrity-staff:ethics-group-member-remove": _ethics_group_member,
        "integrity-staff:ethics-guide-edit": _ethics_guide,
        "integrity-staff:ethics-guide-delete": _ethics_guide,
        "integrity-staff:ethics-activity-edit": _activity(EthicsActivity),
        "integrity-staff:ethics-activity-delete": _activity(EthicsActivity),
        "integrity-public:ethics-year": _published_ethics_year,
        "integrity-public:ethics-report-pdf": _published_ethics_year,
        "integrity-public:ethics-report-docx": _published_ethics_year,
    }
)


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


# --- the asset register and loans ---------------------------------------------------

_asset_codes = itertools.count(1)


def _asset(organization):
    from prongsai.integrity.models import Asset

    return Asset.objects.create(
        organization=organization,
        code=f"T-{next(_asset_codes)}",
        name="เต็นท์",
        quantity=5,
    )


def _loan(organization):
    from prongsai.integrity.models import AssetLoan, AssetLoanLine

    today = timezone.localdate()
    loan = AssetLoan.objects.create(
        organization=organization,
        fiscal_year=2570,
        number=next(_asset_codes),
        kind=AssetLoan.Kind.CITIZEN,
        borrower_name="นายสมหมาย",
        purpose="งานศพ",
        start_on=today,
        end_on=today,
    )
    AssetLoanLine.objects.create(loan=loan, asset=_asset(organization), quantity=1)
    return {"pk": loan.pk}


ROUTE_OBJECTS.update(
    {
        "integrity-staff:asset-detail": _pk(_asset),
        "integrity-staff:asset-edit": _pk(_asset),
        "integrity-staff:loan-detail": _loan,
        "integrity-staff:loan-return": _loan,
        "integrity-staff:loan-action": lambda o: _loan(o) | {"action": "approve"},
    }
)
