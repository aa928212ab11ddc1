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


def verified_host_name(organization, host: str):
    """Give ``organization`` ``host`` the way the platform operator would."""
    from prongsai.organizations import services_hosts

    operator = UserFactory(is_superuser=True, is_staff=True, email="")
    services_hosts.organization_host_request(
        actor=operator, organization=organization, host_name=host
    )
    return services_hosts.organization_host_approve(
        actor=operator, organization=organization
    )


def invite(actor, organization, **overrides):
    """An invitation made through the service (its e-mail is queued on commit)."""
    from prongsai.organizations.services import invitation_create

    data = {
        "email": "New.Person@Example.org",
        "full_name": "มานี มีนา",
        "title": "นางสาว",
        "roles": [Role.DATA_OFFICER, Role.STAFF],
        "position": "นักประชาสัมพันธ์",
        "unit": "สำนักปลัด",
    }
    data.update(overrides)
    return invitation_create(actor=actor, organization=organization, **data)
