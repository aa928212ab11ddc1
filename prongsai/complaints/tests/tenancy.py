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


def _entry(organization):
    from prongsai.complaints.models import CaseEntry

    case = CaseFactory(organization=organization)
    entry = CaseEntry.objects.create(
        case=case, type=CaseEntry.Type.REPLY, text="x", is_public=True
    )
    return {"pk": case.pk, "entry": entry.pk}


def _track_photo(organization):
    from prongsai.complaints.models import CaseAttachment

    case = CaseFactory(organization=organization)
    photo = AttachmentFactory(case=case, kind=CaseAttachment.Kind.AFTER_FIX)
    return {"code": case.tracking_code, "pk": photo.pk}


def _after_photo(organization):
    from prongsai.complaints.models import CaseAttachment, Status

    case = CaseFactory(organization=organization, status=Status.RESOLVED)
    photo = AttachmentFactory(
        case=case, kind=CaseAttachment.Kind.AFTER_FIX, is_public=True
    )
    return {"pk": photo.pk}


ROUTE_OBJECTS = {
    "complaints-public:track": _track,
    "complaints-public:track-photo": _track_photo,
    "complaints-public:after-photo": _after_photo,
    "complaints-staff:case-entry-retry": _entry,
    "complaints-staff:case": _case,
    "complaints-staff:case-status": _case,
    "complaints-staff:case-assign": _case,
    "complaints-staff:case-note": _case,
    "complaints-staff:case-reply": _case,
    "complaints-staff:case-merge": _case,
    "complaints-staff:case-public-text": _case,
    "complaints-staff:attachment": _attachment,
    "complaints-staff:category-edit": lambda o: {
        "pk": CategoryFactory(organization=o).pk
    },
    "complaints-staff:category-procedure": lambda o: {
        "pk": CategoryFactory(organization=o).pk
    },
    "complaints-staff:confidential-case": _confidential,
    "complaints-staff:confidential-status": _confidential,
    "complaints-staff:confidential-reply": _confidential,
    "complaints-staff:confidential-note": _confidential,
    "complaints-staff:confidential-forward": _confidential,
    "complaints-staff:confidential-attachment": _confidential_attachment,
}


def _external_address_change(organization):
    from prongsai.complaints.models import ExternalAddressChange

    change = ExternalAddressChange.objects.create(
        organization=organization, email="intake@body.example"
    )
    return {"pk": change.pk}


ROUTE_OBJECTS.update(
    {
        "complaints-staff:external-address-verify": _external_address_change,
        "complaints-staff:external-address-send-code": _external_address_change,
        "complaints-staff:external-address-confirm": _external_address_change,
        "complaints-staff:external-address-reject": _external_address_change,
    }
)
