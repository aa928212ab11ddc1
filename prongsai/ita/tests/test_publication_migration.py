"""Reports published before snapshots keep their PDF as publication 1; the
publications then move to ``core.Publication`` unchanged."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from prongsai.core.publications import publication_list
from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets

BEFORE = migration_targets(("ita", "0003_oit_item_keys"))
ITA_ONLY = migration_targets(
    ("ita", "0006_provisional_frameworks_own_rules_itas_surveys")
)


@pytest.mark.django_db(transaction=True)
def test_a_published_pdf_becomes_the_first_publication(organization):
    from prongsai.ita.models import AnalysisReport

    content = b"%PDF-1.4 published before snapshots"
    name = default_storage.save("ita/reports/old.pdf", ContentFile(content))
    try:
        old = migrate_to(BEFORE)
        Report = old.get_model("ita", "AnalysisReport")
        Report.objects.create(
            organization_id=organization.pk,
            fiscal_year=2567,
            status="published",
            published_at=timezone.now(),
            published_pdf=name,
        )
        Report.objects.create(organization_id=organization.pk, fiscal_year=2568)
    finally:
        migrate_to_latest()
    published = AnalysisReport.objects.get(organization=organization, fiscal_year=2567)
    [publication] = publication_list(published)
    assert publication.number == 1
    assert publication.snapshot == {}
    assert publication.withdrawn_at is None
    assert publication.pdf.name == name
    assert publication.sha256 == hashlib.sha256(content).hexdigest()
    draft = AnalysisReport.objects.get(organization=organization, fiscal_year=2568)
    assert publication_list(draft) == []


@pytest.mark.django_db(transaction=True)
def test_publications_move_to_core_unchanged(organization):
    from prongsai.ita.models import AnalysisReport

    published_at = timezone.now()
    try:
        old = migrate_to(ITA_ONLY)
        Report = old.get_model("ita", "AnalysisReport")
        Publication = old.get_model("ita", "AnalysisPublication")
        report = Report.objects.create(
            organization_id=organization.pk, fiscal_year=2568, status="published"
        )
        for number, withdrawn in ((1, published_at), (2, None)):
            Publication.objects.create(
                organization_id=organization.pk,
                report=report,
                number=number,
                published_at=published_at,
                published_by_name="นางสาวอรุณี ตั้งใจ",
                published_by_position="นักวิเคราะห์นโยบายและแผน",
                snapshot={"report": {"summary": f"ฉบับ {number}"}},
                pdf=f"ita/reports/r-{number}.pdf",
                sha256=str(number) * 64,
                withdrawn_at=withdrawn,
            )
    finally:
        migrate_to_latest()
    report = AnalysisReport.objects.get(organization=organization, fiscal_year=2568)
    second, first = publication_list(report)
    assert (first.number, second.number) == (1, 2)
    assert first.withdrawn_at == published_at and second.withdrawn_at is None
    assert second.snapshot == {"report": {"summary": "ฉบับ 2"}}
    assert second.pdf.name == "ita/reports/r-2.pdf"
    assert second.sha256 == "2" * 64
    assert second.published_by_position == "นักวิเคราะห์นโยบายและแผน"
    assert second.organization == organization
