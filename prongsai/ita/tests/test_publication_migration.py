"""Reports published before snapshots keep their PDF as publication 1."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets

BEFORE = migration_targets(("ita", "0003_oit_item_keys"))


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
    publication = published.publications.get()
    assert publication.number == 1
    assert publication.snapshot is None
    assert publication.withdrawn_at is None
    assert publication.pdf.name == name
    assert publication.sha256 == hashlib.sha256(content).hexdigest()
    draft = AnalysisReport.objects.get(organization=organization, fiscal_year=2568)
    assert not draft.publications.exists()
