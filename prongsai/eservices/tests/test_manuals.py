"""Staff work manuals (O8) and the structured citizen manual."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from prongsai.complaints.services_manuals import category_procedure_update
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.core.manuals import (
    ProcedureData,
    StepData,
    manual_docx,
    manual_pdf,
    manuals_for,
    parse_time,
    procedure_data_of,
)
from prongsai.core.tests.test_documents import pdf_text
from prongsai.eservices import citizen_manual, services
from prongsai.eservices.models import ServiceProcedureStep
from prongsai.eservices.oit_evidence import staff_manuals_evidence
from prongsai.eservices.services_manuals import service_procedure_update
from prongsai.eservices.tests.factories import ServiceFactory, service_with_procedure
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf, "-raw").split())


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


@pytest.fixture
def user(admin_user):
    return admin_user


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# --- Times and lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 นาที", (15, "minutes")),
        ("๓ วันทำการ", (3, "working_days")),
        ("2 ชั่วโมง", (2, "hours")),
        ("", (None, "")),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["เร็ว ๆ", "0 นาที", "5 สัปดาห์"])
def test_parse_time_refuses_in_thai(text):
    with pytest.raises(DomainError, match="นาที"):
        parse_time(text)


def test_citizen_step_and_document_lines_round_trip():
    steps = citizen_manual.parse_step_lines("ยื่นคำขอ | 15 นาที | สำนักปลัด\nรอผล")
    assert steps[0] == {
        "text": "ยื่นคำขอ",
        "time_amount": 15,
        "time_unit": "minutes",
        "responsible": "สำนักปลัด",
    }
    assert steps[1]["time_amount"] is None
    assert citizen_manual.step_line(steps[0]) == "ยื่นคำขอ | 15 นาที | สำนักปลัด"
    docs = citizen_manual.parse_document_lines("บัตรประชาชน | ๑ | 1 | รับรองสำเนา")
    assert docs == [
        {"text": "บัตรประชาชน", "originals": 1, "copies": 1, "note": "รับรองสำเนา"}
    ]
    assert citizen_manual.document_line(docs[0]) == "บัตรประชาชน | 1 | 1 | รับรองสำเนา"
    assert citizen_manual.total_time(steps + steps) == "30 นาที"


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (citizen_manual.parse_step_lines, "ก | ข | ค | ง", "บรรทัดที่ 1"),
        (citizen_manual.parse_step_lines, "ยื่น\n | 5 นาที", "บรรทัดที่ 2"),
        (citizen_manual.parse_step_lines, "ยื่น | นานมาก", "บรรทัดที่ 1"),
        (citizen_manual.parse_document_lines, "บัตร | หนึ่ง", "บรรทัดที่ 1"),
        (citizen_manual.parse_document_lines, "บัตร | 1 | 100", "บรรทัดที่ 1"),
    ],
)
def test_citizen_lines_errors_name_the_line(parse, text, message):
    with pytest.raises(DomainError) as error:
        parse(text)
    assert message in str(error.value.message)


def test_old_plain_items_are_read_without_loss(organization, user):
    details = services.ServiceDetails(
        code="tree",
        name="ตัดต้นไม้",
        steps=["ยื่นคำขอ", "ตรวจสอบ"],
        documents=["บัตรประชาชน"],
        time_limit_days=3,
        responsible_unit="กองช่าง",
    )
    service = services.service_create(
        actor=user, organization=organization, details=details
    )
    assert [s["text"] for s in service.steps] == ["ยื่นคำขอ", "ตรวจสอบ"]
    assert service.documents[0]["text"] == "บัตรประชาชน"


# --- Services -------------------------------------------------------------------------


def _data(*steps, **values):
    return ProcedureData(steps=tuple(steps), **values)


def test_procedure_update_writes_steps_and_audits(organization, user):
    service = ServiceFactory(organization=organization)
    service_procedure_update(
        actor=user,
        service=service,
        data=_data(
            StepData(task="รับเรื่อง", time_amount=15, time_unit="minutes"),
            StepData(task="ซ่อม", responsible="นายช่าง"),
            objective="เพื่อความรวดเร็ว",
        ),
    )
    steps = list(ServiceProcedureStep.objects.filter(procedure__service=service))
    assert [(s.number, s.task) for s in steps] == [(1, "รับเรื่อง"), (2, "ซ่อม")]
    event = AuditEvent.objects.get(action="eservice.procedure")
    assert event.changes["steps"] == 2
    # Saving the same again records nothing.
    service_procedure_update(
        actor=user,
        service=service,
        data=_data(
            StepData(task="รับเรื่อง", time_amount=15, time_unit="minutes"),
            StepData(task="ซ่อม", responsible="นายช่าง"),
            objective="เพื่อความรวดเร็ว",
        ),
    )
    assert AuditEvent.objects.filter(action="eservice.procedure").count() == 1


@pytest.mark.parametrize(
    "step",
    [
        StepData(task=" "),
        StepData(task="ก", time_amount=3),
        StepData(task="ก", time_amount=3, time_unit="weeks"),
    ],
)
def test_procedure_update_refuses_bad_steps(organization, user, step):
    service = ServiceFactory(organization=organization)
    with pytest.raises(DomainError):
        service_procedure_update(actor=user, service=service, data=_data(step))


def test_manuals_registry_gathers_both_apps(organization, user):
    service_with_procedure(organization, name="ซ่อมไฟ")
    category = CategoryFactory(organization=organization, name="ถนนชำรุด")
    category_procedure_update(
        actor=user,
        category=category,
        data=procedure_data_of({"steps": [["รับเรื่อง", 1, "working_days", "", ""]]}),
    )
    ServiceFactory(organization=organization, name="ไม่มีคู่มือ")
    manuals = manuals_for(organization)
    assert {(m.source, m.title) for m in manuals} == {
        ("eservices", "ซ่อมไฟ"),
        ("complaints", "ถนนชำรุด"),
    }
    incomplete = next(m for m in manuals if m.source == "complaints")
    assert incomplete.gaps() == ["ขั้นตอนที่ 1 ขาดผู้รับผิดชอบ"]


def test_other_organisations_manuals_are_not_listed(organization, other_organization):
    service_with_procedure(other_organization)
    assert manuals_for(organization) == []


# --- Documents ------------------------------------------------------------------------


def test_manual_pdf_and_docx_contain_the_steps(organization):
    service_with_procedure(organization, name="ซ่อมไฟฟ้าสาธารณะ")
    manuals = manuals_for(organization)
    text = _text(manual_pdf(manuals, organization=organization))
    for expected in ("คู่มือการปฏิบัติงาน", "ออกตรวจสอบและซ่อม", "นายช่างไฟฟ้า", "3 วันทำการ"):
        assert expected in text
    import docx

    document = docx.Document(
        io.BytesIO(manual_docx(manuals, organization=organization))
    )
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "ออกตรวจสอบและซ่อม" in cells and "15 นาที" in cells


# --- OIT ----------------------------------------------------------------------------


def test_staff_manual_evidence(organization, user):
    result = staff_manuals_evidence(organization, 2569)
    assert not result.checks[0].passed
    assert "ยังไม่มีคู่มือการปฏิบัติงาน" in result.checks[0].message_th
    category = CategoryFactory(organization=organization, name="ถนนชำรุด")
    category_procedure_update(
        actor=user,
        category=category,
        data=procedure_data_of({"steps": [["รับเรื่อง", None, "", "ปลัด", ""]]}),
    )
    result = staff_manuals_evidence(organization, 2569)
    assert not result.checks[0].passed
    assert "ถนนชำรุด ขั้นตอนที่ 1 ขาดระยะเวลา" in result.checks[0].message_th
    service_with_procedure(organization, name="ซ่อมไฟ")
    result = staff_manuals_evidence(organization, 2569)
    assert result.checks[0].passed
    assert "ซ่อมไฟ" in result.checks[0].message_th
    assert "ถนนชำรุด" in result.checks[1].message_th
    assert result.url == f"/{organization.slug}/eservices/manuals/"


# --- Views --------------------------------------------------------------------------


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    ).user


def _management(total, initial=0):
    return {
        "steps-TOTAL_FORMS": str(total),
        "steps-INITIAL_FORMS": str(initial),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }


def test_staff_edit_the_procedure_of_a_service(client, organization, officer):
    service = ServiceFactory(organization=organization)
    url = reverse(
        "eservices-staff:service-procedure",
        kwargs={"org": organization.slug, "pk": service.pk},
    )
    client.force_login(officer)
    assert client.get(url).status_code == 200
    data = {
        **_management(3),
        "objective": "เพื่อความรวดเร็ว",
        "steps-0-task": "รับเรื่อง",
        "steps-0-time_amount": "15",
        "steps-0-time_unit": "minutes",
        "steps-0-responsible": "นักจัดการงานทั่วไป",
        "steps-1-task": "",
        "steps-1-time_amount": "2",
        "steps-2-task": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the half-filled second row
    assert "ต้องระบุ" in response.content.decode() or "ขั้นตอน" in response.content.decode()
    assert "เพื่อความรวดเร็ว" in response.content.decode()  # nothing typed is lost
    data["steps-1-time_amount"] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    step = ServiceProcedureStep.objects.get(procedure__service=service)
    assert (step.task, step.time_amount, step.time_unit) == ("รับเรื่อง", 15, "minutes")


def test_staff_edit_the_procedure_of_a_category(client, organization):
    handler = MembershipFactory(
        organization=organization, roles=[Role.COMPLAINT_OFFICER.value]
    ).user
    category = CategoryFactory(organization=organization)
    url = reverse(
        "complaints-staff:category-procedure",
        kwargs={"org": organization.slug, "pk": category.pk},
    )
    client.force_login(handler)
    response = client.post(
        url,
        {
            **_management(1),
            "steps-0-task": "รับเรื่อง",
            "steps-0-time_amount": "1",
            "steps-0-time_unit": "working_days",
            "steps-0-responsible": "ปลัด",
        },
    )
    assert response.status_code == 302
    assert category.procedure.steps.get().responsible == "ปลัด"


def test_public_manuals_page_and_downloads(client, organization):
    service = service_with_procedure(organization, name="ซ่อมไฟฟ้าสาธารณะ")
    page = client.get(
        reverse("eservices-public:manuals", kwargs={"org": organization.slug})
    )
    assert page.status_code == 200
    assert "ซ่อมไฟฟ้าสาธารณะ" in page.content.decode()
    for fmt, kind in (("pdf", "application/pdf"), ("docx", "wordprocessingml")):
        response = client.get(
            reverse(
                "eservices-public:manual-document",
                kwargs={
                    "org": organization.slug,
                    "source": "eservices",
                    "pk": service.pk,
                    "fmt": fmt,
                },
            )
        )
        assert response.status_code == 200 and kind in response["Content-Type"]
    volume = client.get(
        reverse(
            "eservices-public:manuals-volume",
            kwargs={"org": organization.slug, "fmt": "pdf"},
        )
    )
    assert "ออกตรวจสอบและซ่อม" in _text(_body(volume))
    for kwargs in (
        {"source": "eservices", "pk": service.pk, "fmt": "exe"},
        {"source": "nothing", "pk": service.pk, "fmt": "pdf"},
    ):
        url = reverse(
            "eservices-public:manual-document",
            kwargs={"org": organization.slug, **kwargs},
        )
        assert client.get(url).status_code == 404


def test_citizen_manual_shows_times_copies_and_channels(client, organization):
    service = ServiceFactory(
        organization=organization,
        steps=[
            {
                "text": "ยื่นคำขอ",
                "time_amount": 15,
                "time_unit": "minutes",
                "responsible": "สำนักปลัด",
            }
        ],
        documents=[{"text": "ทะเบียนบ้าน", "originals": 0, "copies": 2, "note": ""}],
        criteria="ผู้ขอต้องมีทะเบียนบ้านในเขตองค์กร",
        complaint_channels="โทร 1111",
    )
    html = client.get(service.get_absolute_url()).content.decode()
    for expected in ("15 นาที", "ทะเบียนบ้าน", "ผู้ขอต้องมีทะเบียนบ้าน", "โทร 1111"):
        assert expected in html
    pdf = client.get(service.get_absolute_url() + "?format=pdf")
    text = _text(_body(pdf))
    assert "15 นาที" in text and "โทร 1111" in text


def test_o8_follows_the_manuals_of_both_apps():
    from prongsai.oit.registry import provider_get, provider_models

    provider = provider_get("eservices.staff_manuals")
    labels = {model._meta.label for model in provider_models(provider)}
    assert {"eservices.ServiceProcedure", "complaints.CategoryProcedure"} <= labels


def test_steps_only_change_touches_the_procedure(organization, user):
    service = service_with_procedure(organization)
    procedure = service.procedure
    before = procedure.updated_at
    current = ProcedureData.of(procedure, procedure.steps.all())
    service_procedure_update(
        actor=user,
        service=service,
        data=ProcedureData(
            **{**current.__dict__, "steps": current.steps[:1]},
        ),
    )
    procedure.refresh_from_db()
    assert procedure.updated_at > before
    assert procedure.steps.count() == 1


def test_forms_named_in_steps_are_listed_once(organization):
    service_with_procedure(organization)
    (manual,) = manuals_for(organization)
    assert manual.forms == ("แบบรับแจ้ง",)
