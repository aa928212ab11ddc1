"""Objects of a given organisation for the ITA routes that take one."""

from prongsai.core.publications import publication_latest, publication_publish
from prongsai.ita.models import AnalysisReport, PeerDataset
from prongsai.ita.services import framework_load_files, ita_result_record

YEAR = 2568
INDICATORS = dict(zip(range(1, 11), ["90"] * 8 + ["70", "60"], strict=True))


def _result(organization):
    framework_load_files()
    ita_result_record(
        actor=None, organization=organization, fiscal_year=YEAR, indicators=INDICATORS
    )
    return {"fiscal_year": YEAR}


def _publication(organization):
    kwargs = _result(organization)
    AnalysisReport.objects.update_or_create(
        organization=organization,
        fiscal_year=YEAR,
        defaults={
            "status": AnalysisReport.Status.PUBLISHED,
            "prepared_by_name": "ผู้จัดทำ",
            "approver_name": "นายก",
        },
    )
    report = AnalysisReport.objects.get(organization=organization, fiscal_year=YEAR)
    publication = publication_latest(report)
    if publication is None:
        publication = publication_publish(
            actor=None, subject=report, snapshot={}, pdf=b"%PDF-1.4 test"
        )
    return {**kwargs, "pk": publication.pk}


def _published(organization):
    kwargs = _publication(organization)
    return {"fiscal_year": kwargs["fiscal_year"]}


def _peer_dataset(organization):
    dataset = PeerDataset.objects.create(
        organization=organization, name="กลุ่ม", scope="province", fiscal_year=YEAR
    )
    return {"pk": dataset.pk}


def _own_rule(organization):
    from prongsai.ita.models import OrganizationRule

    rule = OrganizationRule.objects.create(
        organization=organization, scope="tool", target="OIT", title="ของหน่วยงาน"
    )
    return {"pk": rule.pk}


ROUTE_OBJECTS = {
    "ita-staff:rule-edit": _own_rule,
    "ita-staff:rule-delete": _own_rule,
    "ita-staff:result-edit": _result,
    "ita-staff:analysis": _result,
    "ita-staff:report-edit": _result,
    "ita-staff:report-pdf": _published,
    "ita-staff:report-docx": _published,
    "ita-staff:report-publish": _published,
    "ita-staff:report-unpublish": _published,
    "ita-staff:peer-delete": _peer_dataset,
    "ita-public:report": _published,
    "ita-public:report-pdf": _published,
    "ita-staff:report-preview": _published,
    "ita-staff:publication-pdf": _publication,
}
