import factory
from django.utils import timezone

from prongsai.complaints.models import (
    Case,
    CaseAttachment,
    Category,
    Channel,
    Kind,
)
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
    tracking_code = factory.Sequence(lambda n: f"TRACK{n:05d}")
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
