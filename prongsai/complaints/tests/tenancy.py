"""How to build an object of a given organisation for each route that takes one."""

from prongsai.complaints.tests.factories import (
    AttachmentFactory,
    CaseFactory,
    CategoryFactory,
    ConfidentialCaseFactory,
)


def _case(organization):
    return {"pk": CaseFactory(organization=organization).pk}


def _confidential(organization):
    return {"pk": ConfidentialCaseFactory(organization=organization).pk}


def _track(organization):
    return {"code": CaseFactory(organization=organization).tracking_code}


def _attachment(organization):
    case = CaseFactory(organization=organization)
    return {"pk": AttachmentFactory(case=case).pk}


def _confidential_attachment(organization):
    case = ConfidentialCaseFactory(organization=organization)
    return {"pk": AttachmentFactory(case=case).pk}


ROUTE_OBJECTS = {
    "complaints:track": _track,
    "complaints_staff:case": _case,
    "complaints_staff:case-status": _case,
    "complaints_staff:case-assign": _case,
    "complaints_staff:case-note": _case,
    "complaints_staff:case-reply": _case,
    "complaints_staff:case-merge": _case,
    "complaints_staff:case-public-text": _case,
    "complaints_staff:attachment": _attachment,
    "complaints_staff:category-edit": lambda o: {
        "pk": CategoryFactory(organization=o).pk
    },
    "complaints_staff:confidential-case": _confidential,
    "complaints_staff:confidential-status": _confidential,
    "complaints_staff:confidential-reply": _confidential,
    "complaints_staff:confidential-note": _confidential,
    "complaints_staff:confidential-attachment": _confidential_attachment,
}


def _external_address_change(organization):
    from prongsai.complaints.models import ExternalAddressChange

    change = ExternalAddressChange.objects.create(
        organization=organization, email="intake@body.example"
    )
    return {"pk": change.pk}


ROUTE_OBJECTS.update(
    {
        "complaints_staff:external-address-verify": _external_address_change,
        "complaints_staff:external-address-send-code": _external_address_change,
        "complaints_staff:external-address-confirm": _external_address_change,
        "complaints_staff:external-address-reject": _external_address_change,
    }
)
