"""Tables and data for the fault tests' servers: ``python -m`` this module.

The schema is built from the models (``migrate --run-syncdb``, see the
``settings`` module beside this one): the migrations take two minutes on a
small machine, and are tested elsewhere.
"""

ORGANIZATION = "faults"
SERVICE = "street-light"
OFFICER = "officer@faults.example"


def seed() -> None:
    from prongsai.complaints.tests.factories import CategoryFactory
    from prongsai.eservices.tests.factories import ServiceFactory
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import (
        MembershipFactory,
        OrganizationFactory,
    )

    organization = OrganizationFactory(slug=ORGANIZATION, name="เทศบาลตำบลทดสอบ")
    MembershipFactory(
        organization=organization,
        user__email=OFFICER,
        roles=[Role.COMPLAINT_OFFICER.value],
    )
    category = CategoryFactory(organization=organization, name="ไฟฟ้าสาธารณะ")
    ServiceFactory(organization=organization, code=SERVICE)
    print(category.pk)


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    seed()


if __name__ == "__main__":
    main()
