import factory

from prongsai.eservices.formdefs import clean_fields
from prongsai.eservices.models import FormVersion, Service
from prongsai.organizations.tests.factories import OrganizationFactory

PHOTO_FORM = [
    {"code": "detail", "label": "รายละเอียด", "type": "text", "required": True},
    {"code": "photo", "label": "ภาพถ่าย", "type": "file", "required": False},
    {"code": "location", "label": "ตำแหน่ง", "type": "location", "required": True},
]


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"บริการทดสอบ {n}")
    category = "สาธารณูปโภค"
    time_limit_days = 7
    time_limit_unit = "days"
    responsible_unit = "กองช่าง"
    location_public = True

    @factory.post_generation
    def form(self, create, extracted, **kwargs):
        if create:
            FormVersion.objects.create(
                service=self, number=1, fields=clean_fields(extracted or PHOTO_FORM)
            )


def file_request(service, **overrides):
    """File a request through the service, as a citizen on the website would."""
    from prongsai.eservices.services_filing import request_file

    values = {
        "organization": service.organization,
        "service": service,
        "answers": {
            "detail": "ไฟดับหน้าบ้าน",
            "location": {"lat": "16.4", "lng": "102.8"},
        },
        "citizen_name": "สมศรี ทดสอบ",
        "citizen_phone": "0812345678",
        "citizen_email": "somsri@example.org",
        "privacy_accepted": True,
    }
    values.update(overrides)
    return request_file(**values)


def apply_form_data(**overrides) -> dict:
    """A valid POST of the public request form of ``ServiceFactory``'s form."""
    return {
        "citizen_name": "สมศรี ใจดี",
        "citizen_phone": "0812345678",
        "citizen_email": "",
        "f_detail": "ไฟดับหน้าบ้าน",
        "f_location__moo": "5",
        "f_location__subdistrict": "บ้านดง",
        "f_location__district": "อุบลรัตน์",
        "f_location__province": "ขอนแก่น",
        "privacy_accepted": "on",
        **overrides,
    }


def service_with_procedure(organization=None, **overrides):
    """A published service with a complete three-step staff work manual."""
    from prongsai.core.manuals import procedure_data_of
    from prongsai.eservices.services_manuals import service_procedure_update

    service = ServiceFactory(
        **({"organization": organization} if organization else {}), **overrides
    )
    service_procedure_update(
        actor=None,
        service=service,
        data=procedure_data_of(
            {
                "objective": "เพื่อให้การซ่อมไฟฟ้าสาธารณะเสร็จตามเวลา",
                "legal_basis": "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537",
                "steps": [
                    ["รับแจ้งและลงทะเบียน", 15, "minutes", "นักจัดการงานทั่วไป", "แบบรับแจ้ง"],
                    ["ออกตรวจสอบและซ่อม", 3, "working_days", "นายช่างไฟฟ้า", ""],
                    ["แจ้งผลแก่ผู้แจ้ง", 1, "hours", "นักจัดการงานทั่วไป", ""],
                ],
            }
        ),
    )
    return service
