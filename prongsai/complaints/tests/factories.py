import factory
from django.utils import timezone

from prongsai.complaints.models import (
    Case,
    CaseAttachment,
    Category,
    Channel,
    Kind,
)
from prongsai.core import codes
from prongsai.organizations.tests.factories import OrganizationFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"ถนนและทางเท้า {n}")
    responsible_unit = "กองช่าง"
    acknowledge_days = 1
    resolve_days = 15


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    organization = factory.SubFactory(OrganizationFactory)
    reference = factory.Sequence(lambda n: f"C2569-{n + 1:04d}")
    tracking_code = factory.LazyFunction(codes.new_tracking_code)
    kind = Kind.COMPLAINT
    channel = Channel.WEB
    subject = "ไฟถนนดับ"
    description = "ไฟถนนหน้าโรงเรียนดับสามต้น"
    received_at = factory.LazyFunction(timezone.now)


class ConfidentialCaseFactory(CaseFactory):
    reference = factory.Sequence(lambda n: f"R2569-{n + 1:04d}")
    tracking_code = ""
    kind = Kind.CORRUPTION
    is_anonymous = True
    subject = "เรียกรับเงิน"
    description = "เจ้าหน้าที่เรียกเงินเพื่อเร่งออกใบอนุญาต"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseAttachment

    case = factory.SubFactory(CaseFactory)
    file = factory.django.FileField(filename="photo.jpg", data=b"\xff\xd8\xff")


def member(organization, *roles, totp=False):
    """A user holding *roles* in *organization* (with MFA set up if *totp*)."""
    from prongsai.accounts.tests.factories import UserFactory
    from prongsai.organizations.tests.factories import MembershipFactory

    user = UserFactory(totp=totp)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


def submit_streetlight(organization, **kwargs):
    """A web complaint about a street light, through the intake service."""
    from prongsai.complaints import services_intake

    return services_intake.case_submit(
        organization=organization,
        kind=Kind.COMPLAINT,
        channel=Channel.WEB,
        subject="ไฟถนนดับ",
        description="ไฟถนนหน้าโรงเรียนดับสามต้น",
        **kwargs,
    )
