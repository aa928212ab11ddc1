import factory

from prongsai.accounts.tests.factories import UserFactory
from prongsai.organizations.models import Membership, Organization
from prongsai.organizations.roles import Role


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.SAO
    name = factory.Sequence(lambda n: f"องค์การบริหารส่วนตำบลทดสอบ{n}")
    dla_code = factory.Sequence(lambda n: f"{6000000 + n}")
    slug = factory.Sequence(lambda n: f"org{n}")
    province = "ขอนแก่น"
    district = "เมืองขอนแก่น"
    subdistrict = "ในเมือง"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    roles = factory.LazyFunction(lambda: [Role.STAFF.value])
    position = "เจ้าพนักงานธุรการ"
