import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.procurement import services, services_year
from prongsai.procurement.models import Bid, NoProcurementMonth, Procurement, Supplier
from prongsai.procurement.vocab import Method, Status

from .factories import ProcurementFactory, SupplierFactory, thai_id

pytestmark = pytest.mark.django_db

COMPANY = thai_id("010556300865")
PERSON = thai_id("340010001234")


def base_fields(**changes):
    fields = {
        "fiscal_year": 2568,
        "procured_on": datetime.date(2024, 11, 20),
        "title": "จัดซื้อวัสดุสำนักงาน",
        "procurement_type": "purchase",
        "method": Method.SPECIFIC,
        "budget_category": "operating",
        "budget_amount": Decimal("12000"),
    }
    fields.update(changes)
    return fields


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


def test_create_with_supplier_and_bids_is_audited(organization, admin_user):
    procurement = services.procurement_create(
        actor=admin_user,
        organization=organization,
        supplier_name="ร้านสมหวังการค้า",
        supplier_tax_id=PERSON,
        agreed_price=Decimal("11500"),
        bids=[
            {"name": "ร้านสมหวังการค้า", "tax_id": PERSON, "price": "11500"},
            {"name": "บริษัท เอ จำกัด", "tax_id": COMPANY, "price": "11900"},
        ],
        **base_fields(),
    )
    assert procurement.supplier.name == "ร้านสมหวังการค้า"
    assert Bid.objects.filter(procurement=procurement).count() == 2
    assert Supplier.objects.filter(organization=organization).count() == 2
    event = AuditEvent.objects.get(action="procurement.create")
    assert event.actor == admin_user
    assert event.organization == organization
    # A natural person's ID never reaches the audit trail.
    assert PERSON not in str(AuditEvent.objects.values_list("changes", flat=True))


def test_supplier_ids_are_masked_for_natural_persons(organization):
    person = SupplierFactory(organization=organization, tax_id=PERSON)
    company = SupplierFactory(organization=organization, tax_id=COMPANY)
    assert person.published_tax_id == PERSON[:9] + "xxxx"
    assert company.published_tax_id == COMPANY
    assert company.is_juristic and not person.is_juristic


def test_invalid_tax_id_is_refused(organization):
    with pytest.raises(ValidationError) as error:
        services.supplier_get_or_create(
            actor=None, organization=organization, name="ร้าน ก", tax_id="1234567890123"
        )
    assert "tax_id" in error.value.message_dict


def test_same_supplier_is_reused_by_tax_id(organization):
    first = services.supplier_get_or_create(
        actor=None, organization=organization, name="บริษัท เอ จำกัด", tax_id=COMPANY
    )
    second = services.supplier_get_or_create(
        actor=None,
        organization=organization,
        name="บริษัท บริษัท เอ จำกัด",
        tax_id=COMPANY,
    )
    assert first.pk == second.pk


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("68049205582", True),
        ("67049205582", True),
        ("6804920558", False),
        ("60049205582", False),
    ],
)
def test_egp_number_validation(organization, number, ok):
    if ok:
        services.procurement_create(
            actor=None,
            organization=organization,
            **base_fields(egp_project_number=number),
        )
    else:
        with pytest.raises(ValidationError) as error:
            services.procurement_create(
                actor=None,
                organization=organization,
                **base_fields(egp_project_number=number),
            )
        assert "egp_project_number" in error.value.message_dict


def test_duplicate_egp_number_in_one_organisation(organization, other_organization):
    services.procurement_create(
        actor=None,
        organization=organization,
        **base_fields(egp_project_number="68049205582"),
    )
    services.procurement_create(
        actor=None,
        organization=other_organization,
        **base_fields(egp_project_number="68049205582"),
    )
    with pytest.raises(ValidationError):
        services.procurement_create(
            actor=None,
            organization=organization,
            **base_fields(egp_project_number="68049205582"),
        )


def test_agreed_price_needs_a_supplier(organization):
    with pytest.raises(ValidationError) as error:
        services.procurement_create(
            actor=None,
            organization=organization,
            **base_fields(agreed_price=Decimal("100")),
        )
    assert "supplier" in error.value.message_dict


def test_contract_end_before_start(organization):
    with pytest.raises(ValidationError) as error:
        services.procurement_create(
            actor=None,
            organization=organization,
            **base_fields(
                contract_start=datetime.date(2024, 12, 1),
                contract_end=datetime.date(2024, 11, 1),
            ),
        )
    assert "contract_end" in error.value.message_dict


def test_status_is_derived():
    today = datetime.date(2025, 1, 1)
    p = Procurement(procured_on=today)
    assert p.status_on(today) == Status.PLANNED
    p.contract_date = datetime.date(2024, 12, 1)
    assert p.status_on(today) == Status.ACTIVE
    p.contract_end = datetime.date(2024, 12, 20)
    assert p.status_on(today) == Status.COMPLETED
    p.cancelled = True
    assert p.status_on(today) == Status.CANCELLED


def test_status_filter_matches_the_derived_status(organization):
    today = datetime.date.today()
    planned = ProcurementFactory(organization=organization)
    active = ProcurementFactory(
        organization=organization, contract_date=today, contract_end=today
    )
    done = ProcurementFactory(
        organization=organization,
        contract_date=today - datetime.timedelta(days=30),
        contract_end=today - datetime.timedelta(days=1),
    )
    cancelled = ProcurementFactory(organization=organization, cancelled=True)
    qs = Procurement.objects.filter(organization=organization)
    for status, expected in (
        (Status.PLANNED, planned),
        (Status.ACTIVE, active),
        (Status.COMPLETED, done),
        (Status.CANCELLED, cancelled),
    ):
        assert list(qs.with_status(status)) == [expected]
        assert expected.status == status


def test_update_records_changes_and_bids(organization):
    procurement = services.procurement_create(
        actor=None, organization=organization, **base_fields()
    )
    services.procurement_update(
        actor=None,
        procurement=procurement,
        title="จัดซื้อวัสดุคอมพิวเตอร์",
        bids=[{"name": "ร้าน ก", "tax_id": "", "price": "100"}],
    )
    event = AuditEvent.objects.filter(action="procurement.update").get()
    assert event.changes["title"]["new"] == "จัดซื้อวัสดุคอมพิวเตอร์"
    assert "bids" in event.changes


def test_update_without_change_is_not_audited(organization):
    procurement = services.procurement_create(
        actor=None, organization=organization, **base_fields()
    )
    services.procurement_update(
        actor=None, procurement=procurement, title=procurement.title
    )
    assert not AuditEvent.objects.filter(action="procurement.update").exists()


def test_bidder_listed_twice(organization):
    with pytest.raises(DomainError):
        services.procurement_create(
            actor=None,
            organization=organization,
            bids=[
                {"name": "ร้าน ก", "tax_id": "", "price": "100"},
                {"name": "ร้าน ก", "tax_id": "", "price": "120"},
            ],
            **base_fields(),
        )


def test_delete_is_audited(organization):
    procurement = ProcurementFactory(organization=organization)
    services.procurement_delete(actor=None, procurement=procurement)
    assert not Procurement.objects.exists()
    assert AuditEvent.objects.filter(action="procurement.delete").exists()


def test_no_procurement_month(organization):
    record = services_year.no_procurement_month_declare(
        actor=None, organization=organization, month=datetime.date(2025, 4, 17)
    )
    assert record.month == datetime.date(2025, 4, 1)
    # Declaring twice keeps one record.
    services_year.no_procurement_month_declare(
        actor=None, organization=organization, month=datetime.date(2025, 4, 2)
    )
    assert NoProcurementMonth.objects.count() == 1
    # A procurement in a declared month is refused…
    with pytest.raises(DomainError) as error:
        services.procurement_create(
            actor=None,
            organization=organization,
            **base_fields(procured_on=datetime.date(2025, 4, 3)),
        )
    assert "เมษายน 2568" in error.value.message
    services_year.no_procurement_month_withdraw(actor=None, record=record)
    assert AuditEvent.objects.filter(action="procurement_no_month.withdraw").exists()


def test_month_with_procurements_cannot_be_declared_empty(organization):
    ProcurementFactory(organization=organization, procured_on=datetime.date(2025, 3, 5))
    with pytest.raises(DomainError):
        services_year.no_procurement_month_declare(
            actor=None, organization=organization, month=datetime.date(2025, 3, 1)
        )


def test_future_month_cannot_be_declared(organization):
    with pytest.raises(DomainError):
        services_year.no_procurement_month_declare(
            actor=None,
            organization=organization,
            month=datetime.date.today() + datetime.timedelta(days=40),
        )


def test_document_needs_a_file_or_a_link(organization):
    procurement = ProcurementFactory(organization=organization)
    with pytest.raises(ValidationError):
        services.document_add(
            actor=None,
            procurement=procurement,
            kind="award",
            title="ประกาศผู้ชนะ",
            published_on=datetime.date(2024, 11, 21),
        )
    document = services.document_add(
        actor=None,
        procurement=procurement,
        kind="award",
        title="ประกาศผู้ชนะ",
        published_on=datetime.date(2024, 11, 21),
        url="https://example.org/a.pdf",
    )
    assert document.href == "https://example.org/a.pdf"
    services.document_remove(actor=None, document=document)
    assert AuditEvent.objects.filter(action="procurement_document.delete").exists()


def test_plan_items_and_report_notes(organization):
    item = services_year.plan_item_create(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        title="ก่อสร้างถนน",
        budget_category="investment",
        budget_amount=Decimal("900000"),
        method=Method.E_BIDDING,
        expected_month=datetime.date(2025, 2, 1),
    )
    services_year.plan_item_update(
        actor=None, item=item, budget_amount=Decimal("950000")
    )
    services_year.plan_item_delete(actor=None, item=item)
    note = services_year.report_note_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        problems="ผู้ประกอบการน้อย",
        proposals="ประชาสัมพันธ์",
    )
    assert note.problems == "ผู้ประกอบการน้อย"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "procurement_plan_item.create",
        "procurement_plan_item.update",
        "procurement_plan_item.delete",
        "procurement_report_note.save",
    } <= actions


def test_search_text_finds_thai_words(organization):
    from prongsai.procurement.selectors import procurement_list

    services.procurement_create(
        actor=None,
        organization=organization,
        **base_fields(title="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5"),
    )
    services.procurement_create(
        actor=None, organization=organization, **base_fields(title="จัดซื้อวัสดุสำนักงาน")
    )
    assert procurement_list(organization=organization, query="ถนน").count() == 1
    assert procurement_list(organization=organization, query="ก่อสร้างถนน").count() == 1
    assert procurement_list(organization=organization, query="คอนกรีต").count() == 1
    assert procurement_list(organization=organization, query="วัสดุ").count() == 1
    assert procurement_list(organization=organization, query="เครื่องบิน").count() == 0


def test_postgres_full_text_search(organization, postgres_only):
    from prongsai.procurement.selectors import procurement_list

    services.procurement_create(
        actor=None,
        organization=organization,
        **base_fields(title="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5"),
    )
    assert procurement_list(organization=organization, query="คอนกรีต ถนน").count() == 1
    assert procurement_list(organization=organization, query="เครื่องบิน").count() == 0


class TestDateInItsMonth:
    """A procurement entered under a month is dated in that month."""

    def test_create_outside_its_month_is_refused_at_the_date(self, organization):
        with pytest.raises(DomainError) as error:
            services.procurement_create(
                actor=None,
                organization=organization,
                report_month=datetime.date(2027, 2, 1),
                **base_fields(fiscal_year=2570, procured_on=datetime.date(2027, 3, 3)),
            )
        assert error.value.field == "procured_on"
        assert error.value.message == ("วันที่ 3 มี.ค. 2570 ไม่อยู่ในเดือน ก.พ. 2570 ที่บันทึก")
        assert not Procurement.objects.exists()

    def test_any_day_of_its_month_is_accepted(self, organization):
        for day in (1, 28):
            services.procurement_create(
                actor=None,
                organization=organization,
                report_month=datetime.date(2027, 2, 14),
                **base_fields(
                    fiscal_year=2570,
                    procured_on=datetime.date(2027, 2, day),
                    title=f"จัดซื้อวัสดุ {day}",
                ),
            )
        assert Procurement.objects.count() == 2

    def test_update_moving_the_date_out_of_its_month_is_refused(self, organization):
        procurement = services.procurement_create(
            actor=None, organization=organization, **base_fields()
        )
        with pytest.raises(DomainError) as error:
            services.procurement_update(
                actor=None,
                procurement=procurement,
                procured_on=datetime.date(2024, 12, 2),
                report_month=datetime.date(2024, 11, 1),
            )
        assert error.value.message == ("วันที่ 2 ธ.ค. 2567 ไม่อยู่ในเดือน พ.ย. 2567 ที่บันทึก")
        procurement.refresh_from_db()
        assert procurement.procured_on == datetime.date(2024, 11, 20)


class TestFormDateInItsMonth:
    def data(self, **changes):
        data = {
            "title": "จัดซื้อวัสดุสำนักงาน",
            "fiscal_year": "2570",
            "procured_on": "03/03/2570",
            "report_month": "2027-02",
            "procurement_type": "purchase",
            "method": Method.SPECIFIC,
            "budget_category": "operating",
            "budget_amount": "12000",
            "fund_source": "ordinance",
        }
        data.update(changes)
        return data

    def test_the_form_says_so_at_the_date(self, organization, monkeypatch):
        from prongsai.procurement import forms

        monkeypatch.setattr(
            forms.timezone, "localdate", lambda: datetime.date(2027, 3, 10)
        )
        form = forms.ProcurementForm(self.data())
        assert not form.is_valid()
        assert form.errors["procured_on"] == [
            "วันที่ 3 มี.ค. 2570 ไม่อยู่ในเดือน ก.พ. 2570 ที่บันทึก"
        ]
        assert forms.ProcurementForm(self.data(procured_on="28/02/2570")).is_valid()
        # Without a month the date decides it, as before.
        assert forms.ProcurementForm(self.data(report_month="")).is_valid()

    def test_an_edit_keeps_the_record_in_its_month(self, organization):
        from prongsai.procurement import forms

        procurement = ProcurementFactory(
            organization=organization, procured_on=datetime.date(2020, 5, 12)
        )
        form = forms.ProcurementForm(instance=procurement)
        assert form.initial["report_month"] == "2020-05"
        labels = dict(form.fields["report_month"].choices)
        assert labels["2020-05"] == "พฤษภาคม 2563"
        html = form.as_div()
        assert "เดือนที่บันทึก" in html
        assert html.index('name="procured_on"') < html.index('name="report_month"')
