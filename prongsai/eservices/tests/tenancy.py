"""How to build an E-Service object of a given organisation for each route."""

from prongsai.eservices.tests.factories import (
    ServiceFactory,
    file_request,
    service_with_procedure,
)


def _service(organization):
    return ServiceFactory(organization=organization)


def _request(organization):
    return file_request(_service(organization))


def _request_pk(organization):
    return {"pk": _request(organization).pk}


def _tracking(organization):
    return {"code": _request(organization).tracking_code}


def _attachment(organization):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    upload = SimpleUploadedFile("a.jpg", buffer.getvalue(), "image/jpeg")
    request = file_request(_service(organization), files=[("photo", upload)])
    return {"pk": request.pk, "attachment_pk": request.attachments.get().pk}


def _tracking_attachment(organization):
    from prongsai.eservices.models import ServiceRequest

    ids = _attachment(organization)
    request = ServiceRequest.objects.get(pk=ids["pk"])
    return {"code": request.tracking_code, "attachment_pk": ids["attachment_pk"]}


def _reopen(organization):
    from prongsai.eservices import services_workflow
    from prongsai.eservices.models import Status

    request = _request(organization)
    services_workflow.request_transition(
        actor=None, request=request, to_status=Status.IN_PROGRESS
    )
    services_workflow.request_transition(
        actor=None, request=request, to_status=Status.COMPLETED
    )
    rating = services_workflow.request_rate(request=request, score=1, comment="ช้ามาก")
    return {"pk": rating.reopen_request.pk}


ROUTE_OBJECTS = {
    "eservices-public:service-detail": lambda o: {"code": _service(o).code},
    "eservices-public:service-apply": lambda o: {"code": _service(o).code},
    "eservices-public:track-detail": _tracking,
    "eservices-public:track-confirmation": _tracking,
    "eservices-public:line-updates-stop": _tracking,
    "eservices-public:track-attachment": _tracking_attachment,
    "eservices-staff:request-detail": _request_pk,
    "eservices-staff:request-transition": _request_pk,
    "eservices-staff:request-assign": _request_pk,
    "eservices-staff:request-note": _request_pk,
    "eservices-staff:attachment": _attachment,
    "eservices-staff:reopen-decide": _reopen,
    "eservices-staff:service-edit": lambda o: {"pk": _service(o).pk},
    "eservices-staff:service-form": lambda o: {"pk": _service(o).pk},
    "eservices-staff:request-new": lambda o: {"pk": _service(o).pk},
    "eservices-staff:service-procedure": lambda o: {"pk": _service(o).pk},
    "eservices-public:manual-document": lambda o: {
        "source": "eservices",
        "pk": service_with_procedure(o).pk,
        "fmt": "pdf",
    },
    "eservices-public:manuals-volume": lambda o: {
        "fmt": "docx" if service_with_procedure(o) else "pdf"
    },
}
