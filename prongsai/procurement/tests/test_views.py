import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from prongsai.procurement.models import Procurement

from .factories import DocumentFactory, ProcurementFactory, SupplierFactory, thai_id
from .test_parsing import EGP_HEADER, egp_row

pytestmark = pytest.mark.django_db


#: The fields every valid procurement form has.
FORM = {
    "fiscal_year": "2568",
    "procured_on": "2024-11-05",
    "procurement_type": "purchase",
    "method": "specific",
    "budget_category": "operating",
    "fund_source": "ordinance",
    "budget_amount": "12000",
}


def url(name, organization, **kwargs):
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


def _create(client, organization, officer, **fields):
    """The officer's POST of the create form: ``FORM`` with *fields* (and
    ``HTTP_…`` headers)."""
    headers = {k: fields.pop(k) for k in list(fields) if k.startswith("HTTP_")}
    client.force_login(officer)
    return client.post(
        url("procurement-staff:create", organization), {**FORM, **fields}, **headers
    )


def test_plain_staff_cannot_open_the_register(client, organization, staff_membership):
    client.force_login(staff_membership.user)
    assert client.get(url("procurement-staff:list", organization)).status_code == 403


def test_officer_creates_a_procurement(client, organization, officer):
    response = _create(
        client,
        organization,
        officer,
        title="จัดซื้อวัสดุสำนักงาน",
        agreed_price="11500",
        supplier_name="ร้านสมหวังการค้า",
        supplier_tax_id=thai_id("340010001234"),
        bids="ร้านสมหวังการค้า | | 11,500\nร้านบ้านดง 11,900.-",
    )
    procurement = Procurement.objects.get()
    assert response.status_code == 302
    assert procurement.bids.count() == 2
    page = client.get(url("procurement-staff:detail", organization, pk=procurement.pk))
    assert "ร้านสมหวังการค้า" in page.content.decode()


def test_form_keeps_input_and_shows_thai_errors(client, organization, officer):
    response = _create(
        client,
        organization,
        officer,
        title="จัดซื้อวัสดุ",
        egp_project_number="123",
        bids="ร้านที่ไม่มีราคา",
        HTTP_ACCEPT_LANGUAGE="th",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "จัดซื้อวัสดุ" in body
    assert "เลขที่โครงการในระบบ e-GP มี 11 หลัก" in body
    assert "บรรทัดที่ 1" in body
    assert not Procurement.objects.exists()


def test_list_filters_and_search(client, organization, officer):
    ProcurementFactory(
        organization=organization,
        title="โครงการก่อสร้างถนน",
    )
    ProcurementFactory(organization=organization, title="จัดซื้อวัสดุ", method="e_bidding")
    client.force_login(officer)
    body = client.get(
        url("procurement-staff:list", organization), {"q": "ถนน"}
    ).content.decode()
    assert "โครงการก่อสร้างถนน" in body and "จัดซื้อวัสดุ" not in body
    body = client.get(
        url("procurement-staff:list", organization), {"method": "e_bidding"}
    ).content.decode()
    assert "จัดซื้อวัสดุ" in body and "ก่อสร้างถนน" not in body


def test_import_preview_fix_and_commit(client, organization, officer):
    import csv

    client.force_login(officer)

    def upload(rows):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        data = io.BytesIO(buffer.getvalue().encode("utf-8-sig"))
        data.name = "egp.csv"
        return client.post(
            url("procurement-staff:import", organization),
            {"file": data},
            HTTP_ACCEPT_LANGUAGE="th",
            follow=True,
        )

    response = upload([EGP_HEADER, egp_row(**{"วิธีจัดซื้อฯ": "แลกเปลี่ยน"})])
    body = response.content.decode()
    assert "แถวที่ 2" in body and "วิธีจัดซื้อฯ" in body
    assert "import-commit-button" not in body
    response = upload([EGP_HEADER, egp_row()])
    assert "import-commit-button" in response.content.decode()
    assert not Procurement.objects.exists()
    response = client.post(response.redirect_chain[-1][0], follow=True)
    assert Procurement.objects.count() == 1


def test_no_procurement_month_from_the_list(client, organization, officer):
    client.force_login(officer)
    client.post(
        url("procurement-staff:no-month-declare", organization), {"month": "2025-04"}
    )
    assert organization.no_procurement_months.count() == 1
    response = client.post(
        url("procurement-staff:no-month-declare", organization),
        {"month": ""},
        follow=True,
    )
    assert response.status_code == 200


def test_staff_downloads(client, organization, officer):
    ProcurementFactory(organization=organization)
    client.force_login(officer)
    response = client.get(
        url("procurement-staff:export", organization, fmt="ita-csv"), {"year": 2568}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    response = client.get(url("procurement-staff:export", organization, fmt="nope"))
    assert response.status_code == 404


def test_register_csv_download_streams_the_toolkit_csv(client, organization, officer):
    ProcurementFactory(
        organization=organization,
        procured_on=datetime.date(2025, 2, 1),
        title="+cmd|' /C calc'!A0",
    )
    client.force_login(officer)
    response = client.get(
        url("procurement-staff:export", organization, fmt="register-csv"),
        {"year": 2568},
    )
    assert response.status_code == 200
    assert response.streaming
    assert "filename*=UTF-8''procurement-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    assert "'+cmd|' /C calc'!A0" in body.decode("utf-8-sig")


def test_public_pages_mask_personal_ids(client, organization):
    person = thai_id("340010001234")
    supplier = SupplierFactory(
        organization=organization, name="ร้านสมหวังการค้า", tax_id=person
    )
    procurement = ProcurementFactory(
        organization=organization,
        supplier=supplier,
        agreed_price=Decimal("11500"),
        contract_date=datetime.date(2024, 11, 5),
    )
    DocumentFactory(procurement=procurement)
    body = client.get(url("procurement-public:list", organization)).content.decode()
    assert procurement.title in body
    body = client.get(
        url("procurement-public:detail", organization, pk=procurement.pk)
    ).content.decode()
    assert "ร้านสมหวังการค้า" in body
    assert person not in body
    assert person[:9] + "xxxx" in body
    assert "ประกาศผู้ชนะการเสนอราคา" in body
    response = client.get(
        url("procurement-public:download", organization, fmt="ita-csv")
    )
    assert response.status_code == 200
    assert person.encode() not in response.content
    # The annual report of a year still running is a back-office draft (an
    # ended year's report is public OIT evidence: see test_providers).
    assert (
        client.get(
            url("procurement-public:download", organization, fmt="annual-docx")
            + "?year=2590"
        ).status_code
        == 404
    )


def test_public_detail_of_another_organisation_is_404(
    client, organization, other_organization
):
    procurement = ProcurementFactory(organization=other_organization)
    response = client.get(
        url("procurement-public:detail", organization, pk=procurement.pk)
    )
    assert response.status_code == 404


def test_public_plan(client, organization):
    from .factories import PlanItemFactory

    PlanItemFactory(organization=organization, fiscal_year=2568)
    PlanItemFactory(organization=organization, fiscal_year=2569, title="จัดซื้อรถบรรทุกขยะ")
    body = client.get(url("procurement-public:plan", organization)).content.decode()
    assert "จัดซื้อรถบรรทุกขยะ" in body
    body = client.get(
        url("procurement-public:plan", organization), {"year": 2568}
    ).content.decode()
    assert "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก" in body
    assert "จัดซื้อรถบรรทุกขยะ" not in body


def test_fiscal_year_comes_from_the_date(client, organization, officer):
    client.force_login(officer)
    client.post(
        url("procurement-staff:create", organization),
        {
            "title": "จัดซื้อวัสดุ",
            "procured_on": "2024-10-05",
            "procurement_type": "purchase",
            "method": "specific",
            "budget_category": "operating",
            "fund_source": "ordinance",
            "budget_amount": "1000",
        },
    )
    assert Procurement.objects.get().fiscal_year == 2568
