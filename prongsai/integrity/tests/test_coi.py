"""Conflict-of-interest registers: declarations, committee declarations, the
cross-check against procurement (and its signals), privacy and the summary."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.integrity import selectors_coi, services_coi
from prongsai.integrity.models_coi import (
    CoiCommitteeDeclaration,
    CoiDeclaration,
    CoiFlag,
    CoiInterest,
)
from prongsai.integrity.services_coi_flags import (
    coi_flags_recompute_interest,
    coi_flags_recompute_organization,
)
from prongsai.notifications.models import Notification
from prongsai.procurement import services as procurement_services
from prongsai.procurement.models import Procurement
from prongsai.procurement.tests.factories import BidFactory, ProcurementFactory

from .coi_fixtures import (
    COMPANY,
    COMPANY_ID,
    DECLARED_ON,
    admin_only,
    boss,
    colleague,
    declarant,
    hr,
    integrity,
    procurement_officer,
)

__all__ = [
    "admin_only",
    "boss",
    "colleague",
    "declarant",
    "hr",
    "integrity",
    "procurement_officer",
]

pytestmark = pytest.mark.django_db

YEAR = 2569


def url(name, organization, **kwargs):
    return reverse(
        f"integrity-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


def yearly(member, *, nothing=False, year=YEAR):
    return services_coi.coi_declaration_create(
        actor=member.user,
        organization=member.organization,
        kind=CoiDeclaration.Kind.YEARLY,
        fiscal_year=year,
        declared_on=DECLARED_ON,
        nothing_to_declare=nothing,
    )


def add_interest(declaration, name="บจก. ขอนแก่นวัสดุภัณฑ์", **extra):
    values = {
        "kind": CoiInterest.Kind.RELATIVE_COMPANY,
        "name": name,
        "relationship": CoiInterest.Relationship.SPOUSE,
        "description": "คู่สมรสเป็นกรรมการ",
    } | extra
    return services_coi.coi_interest_add(
        actor=declaration.declarant.user, declaration=declaration, **values
    )


def new_procurement(organization, actor, *, bidder=COMPANY, tax_id="", winner=None):
    winner = winner or bidder
    return procurement_services.procurement_create(
        actor=actor,
        organization=organization,
        fiscal_year=YEAR,
        procured_on=datetime.date(2026, 1, 10),
        title="จัดซื้อวัสดุก่อสร้าง",
        procurement_type="purchase",
        method="specific",
        budget_category="operating",
        budget_amount=Decimal("50000"),
        agreed_price=Decimal("48000"),
        supplier_name=winner,
        supplier_tax_id=tax_id if winner == bidder else "",
        bids=[{"name": bidder, "tax_id": tax_id, "price": "48000"}],
    )


# --- declarations ---------------------------------------------------------------


def flagged_bid(declarant, organization):
    """The flag of a bid by a company the declarant declared an interest in."""
    add_interest(yearly(declarant))
    BidFactory(
        procurement__organization=organization,
        supplier__organization=organization,
        supplier__name=COMPANY,
    )
    coi_flags_recompute_organization(organization=organization)
    return CoiFlag.objects.get(organization=organization)


def test_yearly_declaration_once_per_fiscal_year(declarant):
    yearly(declarant, nothing=True)
    with pytest.raises(DomainError) as error:
        yearly(declarant)
    assert error.value.field == "fiscal_year"
    yearly(declarant, year=YEAR + 1)  # another year is fine
    assert (
        CoiDeclaration.objects.filter(
            organization=declarant.organization, declarant=declarant
        ).count()
        == 2
    )
    assert AuditEvent.objects.filter(action="coi_declaration.create").count() == 2


def test_ad_hoc_declarations_many_and_take_the_fiscal_year_of_their_date(declarant):
    for day in (datetime.date(2025, 9, 30), datetime.date(2025, 10, 1)):
        services_coi.coi_declaration_create(
            actor=declarant.user,
            organization=declarant.organization,
            kind=CoiDeclaration.Kind.AD_HOC,
            declared_on=day,
        )
    years = CoiDeclaration.objects.filter(
        organization=declarant.organization
    ).values_list("fiscal_year", flat=True)
    assert sorted(years) == [2568, 2569]


def test_nothing_to_declare_refuses_interests(declarant):
    declaration = yearly(declarant, nothing=True)
    with pytest.raises(DomainError):
        add_interest(declaration)
    assert not CoiInterest.objects.filter(organization=declarant.organization).exists()


def test_members_declare_only_for_themselves(declarant, colleague):
    declaration = yearly(declarant)
    with pytest.raises(DomainError):
        services_coi.coi_interest_add(
            actor=colleague.user,
            declaration=declaration,
            kind=CoiInterest.Kind.OTHER,
            name="บริษัท ทองดี จำกัด",
            relationship=CoiInterest.Relationship.SELF,
        )


def test_interest_tax_id_is_validated_and_cleaned(declarant):
    declaration = yearly(declarant)
    thai = COMPANY_ID.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    interest = add_interest(declaration, tax_id=f"{thai[:1]}-{thai[1:]}")
    assert interest.tax_id == COMPANY_ID
    bad = COMPANY_ID[:-1] + str((int(COMPANY_ID[-1]) + 1) % 10)
    with pytest.raises(Exception) as error:
        add_interest(declaration, name="บริษัท ทองดี จำกัด", tax_id=bad)
    assert "tax_id" in error.value.message_dict


def test_future_declaration_date_refused(declarant):
    with pytest.raises(DomainError):
        services_coi.coi_declaration_create(
            actor=declarant.user,
            organization=declarant.organization,
            kind=CoiDeclaration.Kind.AD_HOC,
            declared_on=datetime.date(2999, 1, 1),
        )


def test_committee_declaration(declarant, hr, colleague, organization):
    procurement = ProcurementFactory(organization=organization)
    with pytest.raises(DomainError) as error:
        services_coi.coi_committee_declare(
            actor=declarant.user,
            procurement=procurement,
            role=CoiCommitteeDeclaration.Role.EVALUATION,
            has_interest=True,
            declared_on=DECLARED_ON,
        )
    assert error.value.field == "details"
    made = services_coi.coi_committee_declare(
        actor=declarant.user,
        procurement=procurement,
        role=CoiCommitteeDeclaration.Role.EVALUATION,
        has_interest=True,
        details="คู่สมรสเป็นกรรมการของผู้เสนอราคารายหนึ่ง",
        declared_on=DECLARED_ON,
    )
    assert made.member == declarant
    with pytest.raises(DomainError):  # once per committee
        services_coi.coi_committee_declare(
            actor=declarant.user,
            procurement=procurement,
            role=CoiCommitteeDeclaration.Role.EVALUATION,
            has_interest=False,
            declared_on=DECLARED_ON,
        )
    with pytest.raises(DomainError):  # a colleague cannot declare for another
        services_coi.coi_committee_declare(
            actor=colleague.user,
            procurement=procurement,
            member=declarant,
            role=CoiCommitteeDeclaration.Role.INSPECTION,
            has_interest=False,
            declared_on=DECLARED_ON,
        )
    services_coi.coi_committee_declare(  # the HR officer records one for a member
        actor=hr.user,
        procurement=procurement,
        member=colleague,
        role=CoiCommitteeDeclaration.Role.INSPECTION,
        has_interest=False,
        declared_on=DECLARED_ON,
    )
    assert selectors_coi.coi_committee_list(procurement=procurement).count() == 2


# --- the cross-check ---------------------------------------------------------------


def test_declared_interest_flags_existing_procurement(
    declarant,
    integrity,
    procurement_officer,
    organization,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        procurement = new_procurement(organization, procurement_officer.user)
    with django_capture_on_commit_callbacks(execute=True):
        interest = add_interest(yearly(declarant))
    flag = CoiFlag.objects.get(organization=organization)
    assert (flag.interest, flag.procurement) == (interest, procurement)
    assert flag.source == CoiFlag.Source.SELECTED
    assert flag.matched_on == CoiFlag.MatchedOn.NAME
    assert flag.status == CoiFlag.Status.OPEN
    assert (
        Notification.objects.filter(
            organization=organization, user=integrity.user, kind="integrity/coi_flag"
        ).count()
        == 1
    )


def test_recompute_is_idempotent_and_keeps_the_review(
    declarant,
    integrity,
    procurement_officer,
    organization,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        new_procurement(organization, procurement_officer.user)
        interest = add_interest(yearly(declarant))
    flag = CoiFlag.objects.get(organization=organization)
    services_coi.coi_flag_review(
        actor=integrity.user,
        flag=flag,
        status=CoiFlag.Status.NO_CONFLICT,
        review_note="ไม่ได้เป็นกรรมการในการจัดซื้อครั้งนี้",
    )
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert coi_flags_recompute_interest(interest=interest) == []
            assert coi_flags_recompute_organization(organization=organization) == []
    flag.refresh_from_db()
    assert CoiFlag.objects.filter(organization=organization).count() == 1
    assert flag.status == CoiFlag.Status.NO_CONFLICT
    assert flag.review_note == "ไม่ได้เป็นกรรมการในการจัดซื้อครั้งนี้"
    assert Notification.objects.filter(kind="integrity/coi_flag").count() == 1
    with pytest.raises(DomainError):  # a reviewed interest stays on the register
        services_coi.coi_interest_remove(actor=declarant.user, interest=interest)


def test_procurement_saved_after_the_declaration_creates_the_flag_and_notifies(
    declarant,
    integrity,
    procurement_officer,
    organization,
    django_capture_on_commit_callbacks,
):
    add_interest(yearly(declarant), name="หจก. ทองดี", tax_id=COMPANY_ID)
    assert not CoiFlag.objects.filter(organization=organization).exists()
    with django_capture_on_commit_callbacks(execute=True):
        # a bidder, not the winner; found on the tax ID whatever its name
        new_procurement(
            organization,
            procurement_officer.user,
            bidder="ห้างหุ้นส่วนจำกัด ทองดีการโยธา",
            tax_id=COMPANY_ID,
            winner="ร้านสมหวังการค้า",
        )
    flag = CoiFlag.objects.get(organization=organization)
    assert flag.source == CoiFlag.Source.BIDDER
    assert flag.matched_on == CoiFlag.MatchedOn.TAX_ID
    notification = Notification.objects.get(user=integrity.user)
    assert notification.kind == "integrity/coi_flag"
    assert "จัดซื้อวัสดุก่อสร้าง" in notification.subject
    assert declarant.user.full_name not in notification.body
    assert not Notification.objects.filter(user=procurement_officer.user).exists()


def test_update_that_rewrites_bids_keeps_one_flag(
    declarant,
    integrity,
    procurement_officer,
    organization,
    django_capture_on_commit_callbacks,
):
    add_interest(yearly(declarant))
    with django_capture_on_commit_callbacks(execute=True):
        procurement = new_procurement(organization, procurement_officer.user)
    first = CoiFlag.objects.get(organization=organization)
    with django_capture_on_commit_callbacks(execute=True):
        procurement_services.procurement_update(
            actor=procurement_officer.user,
            procurement=procurement,
            bids=[
                {"name": COMPANY, "tax_id": "", "price": "47000"},
                {"name": "ร้านสมหวังการค้า", "tax_id": "", "price": "49000"},
            ],
        )
    assert list(CoiFlag.objects.filter(organization=organization)) == [first]
    # the company leaves the record: the open flag goes
    with django_capture_on_commit_callbacks(execute=True):
        procurement_services.procurement_update(
            actor=procurement_officer.user,
            procurement=procurement,
            agreed_price=None,
            supplier_name="",
            bids=[{"name": "ร้านสมหวังการค้า", "tax_id": "", "price": "49000"}],
        )
    assert not CoiFlag.objects.filter(organization=organization).exists()


def test_imported_procurement_creates_the_flag(
    declarant, integrity, admin_user, organization, django_capture_on_commit_callbacks
):
    from prongsai.procurement import services_import
    from prongsai.procurement.tests.test_import import _csv
    from prongsai.procurement.tests.test_parsing import COMPANY as EGP_COMPANY
    from prongsai.procurement.tests.test_parsing import EGP_HEADER, egp_row

    add_interest(yearly(declarant), name="หจก.ทองดี")  # the name only
    batch = services_import.import_preview(
        actor=admin_user,
        organization=organization,
        filename="egp.csv",
        content=_csv([EGP_HEADER, egp_row()]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services_import.import_commit(actor=admin_user, batch=batch)
    flag = CoiFlag.objects.get(organization=organization)
    assert flag.supplier.tax_id == EGP_COMPANY
    assert flag.matched_on == CoiFlag.MatchedOn.NAME
    assert Notification.objects.filter(user=integrity.user).count() == 1


def test_supplier_renamed_or_bid_added_rechecks(
    declarant, integrity, organization, django_capture_on_commit_callbacks
):
    add_interest(yearly(declarant))
    with django_capture_on_commit_callbacks(execute=True):
        bid = BidFactory(procurement__organization=organization)
    assert not CoiFlag.objects.filter(organization=organization).exists()
    with django_capture_on_commit_callbacks(execute=True):
        bid.supplier.name = "บจก ขอนแก่น วัสดุภัณฑ์"
        bid.supplier.tax_id = ""
        bid.supplier.save()
    assert CoiFlag.objects.filter(organization=organization).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        bid.delete()
    assert not CoiFlag.objects.filter(organization=organization).exists()


def test_procurement_deleted_takes_its_flags(
    declarant, organization, django_capture_on_commit_callbacks
):
    add_interest(yearly(declarant))
    with django_capture_on_commit_callbacks(execute=True):
        bid = BidFactory(
            procurement__organization=organization,
            supplier__organization=organization,
            supplier__name=COMPANY,
        )
    assert CoiFlag.objects.filter(organization=organization).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        Procurement.objects.filter(
            organization=organization, pk=bid.procurement_id
        ).delete()
    assert not CoiFlag.objects.filter(organization=organization).exists()


def test_other_organizations_suppliers_never_match(
    declarant, other_organization, django_capture_on_commit_callbacks
):
    add_interest(yearly(declarant))
    with django_capture_on_commit_callbacks(execute=True):
        BidFactory(
            procurement__organization=other_organization,
            supplier__organization=other_organization,
            supplier__name=COMPANY,
        )
    assert not CoiFlag.objects.all_organizations().exists()


def test_review_needs_an_outcome_and_a_note(declarant, integrity, hr, organization):
    flag = flagged_bid(declarant, organization)
    with pytest.raises(DomainError):
        services_coi.coi_flag_review(
            actor=integrity.user,
            flag=flag,
            status=CoiFlag.Status.ACTION_TAKEN,
            review_note=" ",
        )
    with pytest.raises(DomainError):
        services_coi.coi_flag_review(
            actor=integrity.user, flag=flag, status=CoiFlag.Status.OPEN, review_note="x"
        )
    with pytest.raises(DomainError):  # HR reads declarations but not flags
        services_coi.coi_flag_review(
            actor=hr.user, flag=flag, status=CoiFlag.Status.NO_CONFLICT, review_note="x"
        )


# --- reminders ---------------------------------------------------------------------


def test_yearly_reminder_once_a_month_to_those_who_have_not_declared(
    declarant, colleague, organization
):
    yearly(declarant, nothing=True, year=2570)
    today = datetime.date(2026, 11, 2)
    assert (
        services_coi.coi_yearly_reminders_send(organization=organization, today=today)
        == 1
    )
    assert (
        services_coi.coi_yearly_reminders_send(organization=organization, today=today)
        == 0
    )
    notification = Notification.objects.get(user=colleague.user)
    assert "2570" in notification.subject
    assert (
        services_coi.coi_yearly_reminders_send(
            organization=organization, today=datetime.date(2026, 12, 1)
        )
        == 1
    )


# --- pages, privacy and tenancy ---------------------------------------------------


def test_declare_through_the_pages(client, declarant, organization):
    client.force_login(declarant.user)
    page = client.get(url("coi-mine", organization))
    assert page.status_code == 200
    response = client.post(
        url("coi-declare-yearly", organization),
        {"fiscal_year": "2569", "declared_on": "20 ต.ค. 68", "note": ""},
    )
    declaration = CoiDeclaration.objects.get(organization=organization)
    assert response.status_code == 302
    assert declaration.declared_on == datetime.date(2025, 10, 20)
    bad = client.post(
        url("coi-interest-create", organization, pk=declaration.pk),
        {
            "kind": "shareholding",
            "name": "บริษัท ทองดี จำกัด",
            "tax_id": "1234567890123",
            "relationship": "self",
            "value": "1000",
        },
    )
    assert bad.status_code == 200
    assert "บริษัท ทองดี จำกัด" in bad.content.decode()  # nothing typed is lost
    assert "เลขประจำตัวผู้เสียภาษี" in bad.content.decode() or "13" in bad.content.decode()
    ok = client.post(
        url("coi-interest-create", organization, pk=declaration.pk),
        {
            "kind": "shareholding",
            "name": "บริษัท ทองดี จำกัด",
            "tax_id": COMPANY_ID,
            "relationship": "self",
            "value": "1000",
        },
    )
    assert ok.status_code == 302
    assert declaration.interests.get().tax_id == COMPANY_ID
    again = client.post(
        url("coi-declare-yearly", organization),
        {"fiscal_year": "2569", "declared_on": "21/10/2568"},
    )
    assert again.status_code == 200
    assert CoiDeclaration.objects.filter(organization=organization).count() == 1


def test_who_reads_a_declaration(
    client,
    declarant,
    colleague,
    procurement_officer,
    boss,
    hr,
    integrity,
    admin_only,
    organization,
):
    declaration = yearly(declarant)
    add_interest(declaration)
    detail = url("coi-declaration", organization, pk=declaration.pk)
    everything = url("coi-declaration-list", organization) + "?year=2569"
    for member in (colleague, procurement_officer, boss, admin_only):
        client.force_login(member.user)
        assert client.get(detail).status_code == 404
        assert client.get(everything).status_code == 403
        assert client.get(url("coi-flag-list", organization)).status_code == 403
    for member in (declarant, hr, integrity):
        client.force_login(member.user)
        page = client.get(detail)
        assert page.status_code == 200
        assert "ขอนแก่นวัสดุภัณฑ์" in page.content.decode()
    client.force_login(hr.user)
    assert "ขอนแก่นวัสดุภัณฑ์" in client.get(everything).content.decode()
    assert client.get(url("coi-flag-list", organization)).status_code == 403


def test_flags_are_for_integrity_officers_only(
    client, declarant, integrity, boss, procurement_officer, organization
):
    flag = flagged_bid(declarant, organization)
    review = url("coi-flag-review", organization, pk=flag.pk)
    for member in (declarant, boss, procurement_officer):
        client.force_login(member.user)
        assert client.get(review).status_code == 403
    client.force_login(integrity.user)
    assert (
        "ขอนแก่นวัสดุภัณฑ์"
        in client.get(url("coi-flag-list", organization)).content.decode()
    )
    response = client.post(
        review, {"status": "action_taken", "review_note": "ให้ถอนตัวจากคณะกรรมการ"}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == CoiFlag.Status.ACTION_TAKEN
    assert flag.reviewed_by == integrity.user


def test_committee_pages(client, declarant, colleague, hr, organization):
    procurement = ProcurementFactory(organization=organization, fiscal_year=2569)
    page_url = url("coi-committee", organization, procurement_pk=procurement.pk)
    client.force_login(declarant.user)
    assert (
        procurement.title
        in client.get(
            url("coi-committee-index", organization) + "?year=2569"
        ).content.decode()
    )
    response = client.post(
        page_url,
        {
            "role": "inspection",
            "has_interest": "True",
            "details": "",
            "declared_on": "1/11/2568",
        },
    )
    assert response.status_code == 200  # details are required with an interest
    response = client.post(
        page_url,
        {
            "role": "inspection",
            "has_interest": "True",
            "details": "บุตรเป็นพนักงานของผู้ขาย",
            "declared_on": "1/11/2568",
        },
    )
    assert response.status_code == 302
    client.force_login(colleague.user)
    assert "บุตรเป็นพนักงานของผู้ขาย" not in client.get(page_url).content.decode()
    client.force_login(hr.user)
    assert "บุตรเป็นพนักงานของผู้ขาย" in client.get(page_url).content.decode()


def test_other_organizations_records_are_404(
    client, declarant, integrity, other_organization, organization
):
    from .coi_fixtures import _member

    stranger = _member(
        other_organization,
        "คนอื่น",
    )
    declaration = yearly(stranger)
    procurement = ProcurementFactory(organization=other_organization)
    client.force_login(integrity.user)
    assert (
        client.get(url("coi-declaration", organization, pk=declaration.pk)).status_code
        == 404
    )
    assert (
        client.get(
            url("coi-committee", organization, procurement_pk=procurement.pk)
        ).status_code
        == 404
    )
    assert client.get(url("coi-mine", other_organization)).status_code == 404


# --- summary ------------------------------------------------------------------------


def _summary_data(declarant, colleague, hr, integrity, organization):
    interest = add_interest(yearly(declarant))
    add_interest(yearly(colleague), name="ร้านอื่นไม่เกี่ยว")
    yearly(hr, nothing=True)
    services_coi.coi_declaration_create(
        actor=declarant.user,
        organization=organization,
        kind=CoiDeclaration.Kind.AD_HOC,
        declared_on=datetime.date(2026, 2, 1),
    )
    procurement = ProcurementFactory(organization=organization, fiscal_year=2569)
    BidFactory(procurement=procurement, supplier__name=COMPANY)
    other = ProcurementFactory(organization=organization, fiscal_year=2569)
    BidFactory(procurement=other, supplier__name=COMPANY + " ")
    coi_flags_recompute_interest(interest=interest)
    flags = list(CoiFlag.objects.filter(organization=organization))
    services_coi.coi_flag_review(
        actor=integrity.user,
        flag=flags[0],
        status=CoiFlag.Status.NO_CONFLICT,
        review_note="ok",
    )
    for member, has in ((declarant, True), (colleague, False)):
        services_coi.coi_committee_declare(
            actor=member.user,
            procurement=procurement,
            role=CoiCommitteeDeclaration.Role.EVALUATION,
            has_interest=has,
            details="มี" if has else "",
            declared_on=DECLARED_ON,
        )


def test_summary_counts_exact(declarant, colleague, hr, integrity, boss, organization):
    _summary_data(declarant, colleague, hr, integrity, organization)
    summary = selectors_coi.coi_summary_get(organization=organization, fiscal_year=2569)
    assert summary.members == 5
    assert summary.yearly_received == 3
    assert summary.yearly_missing == 2
    assert summary.nothing_to_declare == 1
    assert summary.ad_hoc == 1
    assert summary.with_interests == 2
    assert summary.interests == 2
    assert summary.committee == 2
    assert summary.committee_with_interest == 1
    assert summary.procurements_declared == 1
    assert (
        summary.flags_open,
        summary.flags_no_conflict,
        summary.flags_action_taken,
    ) == (1, 1, 0)
    empty = selectors_coi.coi_summary_get(organization=organization, fiscal_year=2568)
    assert empty.yearly_received == 0 and empty.flags_total == 0


def test_executive_sees_counts_without_names(
    client, declarant, colleague, hr, integrity, boss, organization
):
    _summary_data(declarant, colleague, hr, integrity, organization)
    client.force_login(boss.user)
    page = client.get(url("coi-summary", organization) + "?year=2569").content.decode()
    assert "ขอนแก่นวัสดุภัณฑ์" not in page
    assert declarant.user.full_name not in page
    assert "data-count>3<" in page  # yearly declarations received
    client.force_login(colleague.user)
    assert client.get(url("coi-summary", organization)).status_code == 403


def test_summary_pdf_and_docx_are_real(
    client, declarant, colleague, hr, integrity, boss, organization, tmp_path
):
    import docx

    from prongsai.core.tests.test_documents import needs_poppler, pdf_text

    if needs_poppler.args[0]:
        pytest.skip(needs_poppler.kwargs["reason"])

    _summary_data(declarant, colleague, hr, integrity, organization)
    client.force_login(boss.user)
    pdf = client.get(url("coi-summary-pdf", organization) + "?year=2569")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "2569" in text
    assert "ขอนแก่นวัสดุภัณฑ์" not in text
    (tmp_path / "summary.pdf").write_bytes(pdf.content)
    word = client.get(url("coi-summary-docx", organization) + "?year=2569")
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.content))
    body = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
    assert "ปีงบประมาณ พ.ศ. 2569" in body or "2569" in body
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "3" in cells
    assert not any(declarant.user.full_name in c for c in cells)


# --- retention and personal data -----------------------------------------------------


def test_retention_deletes_five_years_after_the_fiscal_year(declarant, organization):
    from prongsai.integrity.retention_coi import coi_declarations_expire

    add_interest(yearly(declarant, year=2563))
    yearly(declarant, year=2564)
    now = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    # FY2563 ended 30 Sep 2020: five years later is 30 Sep 2025, gone by Dec 2026;
    # FY2564 ended 30 Sep 2021, kept until Oct 2026: gone too; FY2565 stays.
    yearly(declarant, year=2565)
    found = coi_declarations_expire(days=5 * 365 + 1, now=now, dry_run=True)
    assert found == {organization.pk: 2}
    coi_declarations_expire(days=5 * 365 + 1, now=now, dry_run=False)
    assert list(
        CoiDeclaration.objects.filter(organization=organization).values_list(
            "fiscal_year", flat=True
        )
    ) == [2565]


def test_personal_data_source_is_confidential(declarant, organization):
    from prongsai.core.personal_data import Identifiers
    from prongsai.integrity.personal_data_coi import (
        export_declarations,
        find_declarations,
    )

    add_interest(yearly(declarant))
    found = find_declarations(
        organization=organization,
        identifiers=Identifiers.clean(email=declarant.user.email),
    )
    assert len(found) == 1 and found[0].confidential
    exported = export_declarations(organization=organization, pks=[found[0].pk])
    assert exported[0]["interests"][0]["name"] == "บจก. ขอนแก่นวัสดุภัณฑ์"


def test_reminder_task_is_scheduled_and_runs(declarant, organization):
    from django.conf import settings

    from prongsai.integrity.tasks import coi_send_yearly_reminders

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "prongsai.integrity.tasks.coi_send_yearly_reminders" in tasks
    assert coi_send_yearly_reminders() == 1
    assert Notification.objects.filter(
        user=declarant.user, kind="integrity/coi_yearly_reminder"
    ).exists()
