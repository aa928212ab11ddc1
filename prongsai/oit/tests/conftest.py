import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.ita.services import framework_load_files
from prongsai.oit.services import checklist_open
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory


@pytest.fixture
def frameworks(db):
    framework_load_files()


@pytest.fixture
def officer(organization):
    user = UserFactory(email="data@bandong.example", full_name="ธนากร พรหมมา")
    MembershipFactory(
        organization=organization, user=user, roles=[Role.DATA_OFFICER.value]
    )
    return user


@pytest.fixture
def checklist(frameworks, organization, officer):
    return checklist_open(actor=officer, organization=organization, fiscal_year=2569)


# Items these tests use as documents uploaded by hand. Since issue #18 the
# budget and E-Service records generate them; the tests of the upload path
# take those providers away so that the items are upload-only again.
UPLOAD_ONLY_KEYS = {
    "organization.strategic_plan",
    "operations.annual_plan",
    "operations.annual_report",
    "operations.staff_manual",
}


@pytest.fixture
def upload_only_items(monkeypatch):
    """O5-O8 without their generated evidence (upload-only, as before #18)."""
    from prongsai.oit import registry

    real = registry.providers_for

    def providers_for(*, item_key):
        if item_key in UPLOAD_ONLY_KEYS:
            return []
        return real(item_key=item_key)

    monkeypatch.setattr(registry, "providers_for", providers_for)
