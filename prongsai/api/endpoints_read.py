"""Public read endpoints: what the public site shows, through the apps' selectors.

No token; each request counts against the client address's read limit.
Drafts and personal data never appear: procurement rows are the published
register (natural persons' tax IDs masked), datasets the published
catalogue, services the published catalogue, complaint figures the public
statistics and ITA results the latest publication of each published report.
"""

import datetime

from django.db.models import Count as CountOf
from django.http import Http404
from django.urls import reverse
from ninja.pagination import paginate

from prongsai.complaints import selectors_statistics
from prongsai.core import thai_dates
from prongsai.core.publications import publications_current
from prongsai.eservices import selectors as eservice_selectors
from prongsai.ita import selectors as ita_selectors
from prongsai.ita.models import AnalysisReport
from prongsai.opendata import selectors as opendata_selectors
from prongsai.organizations.selectors import (
    access_organization,
    organization_list_public,
)
from prongsai.procurement import selectors as procurement_selectors
from prongsai.procurement.vocab import Method

from . import schemas
from .limits import limit_reads
from .paging import LimitOffset, Rows
from .routing import READ_TAGS, router

NOT_FOUND = {404: schemas.Error, 422: schemas.Error, 429: schemas.Error}
MIN_STATISTICS_YEAR = 2540


def _organization(request, org: str):
    limit_reads(request)
    return access_organization(slug=org)


def _organization_out(organization) -> dict:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "name_en": organization.name_en,
        "kind": organization.kind,
        "province": organization.province,
        "district": organization.district,
        "website": organization.website,
        "url": reverse("portal-public:home", kwargs={"org": organization.slug}),
    }


@router.get(
    "/organizations",
    response={200: list[schemas.OrganizationOut], **NOT_FOUND},
    tags=READ_TAGS,
    summary="Organisations on this install",
)
@paginate(LimitOffset)
def organization_list(request):
    """องค์กรปกครองส่วนท้องถิ่นที่เปิดหน้าสาธารณะบนระบบนี้"""
    limit_reads(request)
    return Rows(organization_list_public(), _organization_out)


@router.get(
    "/organizations/{slug}",
    response={200: schemas.OrganizationOut, **NOT_FOUND},
    tags=READ_TAGS,
    summary="One organisation",
)
def organization_detail(request, slug: str):
    """ข้อมูลพื้นฐานขององค์กร (ไม่พบ: 404)"""
    return _organization_out(_organization(request, slug))


def _today() -> datetime.date:
    return thai_dates.local_date(datetime.datetime.now(tz=thai_dates.BANGKOK))


@router.get(
    "/{org}/procurements",
    response={200: list[schemas.ProcurementOut], **NOT_FOUND},
    tags=READ_TAGS,
    summary="The procurement register",
)
@paginate(LimitOffset)
def procurement_list(
    request,
    org: str,
    fiscal_year: schemas.FiscalYear | None = None,
    method: Method | None = None,
    q: schemas.SearchText = "",
):
    """ทะเบียนการจัดซื้อจัดจ้างตามที่เผยแพร่ (ใหม่สุดก่อน); กรองตามปีงบประมาณ วิธี และคำค้น"""
    organization = _organization(request, org)
    queryset = procurement_selectors.procurement_list(
        organization=organization,
        fiscal_year=fiscal_year,
        method=method or "",
        query=q.strip(),
    ).annotate(bid_count=CountOf("bids"))
    today = _today()
    return Rows(
        queryset,
        lambda record: procurement_selectors.procurement_public_row(
            record, today=today
        ),
    )


@router.get(
    "/{org}/procurements/{procurement_id}",
    response={200: schemas.ProcurementOut, **NOT_FOUND},
    tags=READ_TAGS,
    summary="One procurement",
)
def procurement_detail(request, org: str, procurement_id: int):
    """รายการจัดซื้อจัดจ้างหนึ่งรายการตามที่เผยแพร่"""
    organization = _organization(request, org)
    queryset = procurement_selectors.procurement_list(
        organization=organization
    ).annotate(bid_count=CountOf("bids"))
    record = queryset.filter(pk=procurement_id).first()
    if record is None:
        raise Http404
    return procurement_selectors.procurement_public_row(record, today=_today())


def _dataset_out(dataset, slug: str) -> dict:
    kwargs = {"org": slug, "name": dataset.name}
    return {
        "name": dataset.name,
        "title": dataset.title,
        "description": dataset.description,
        "fiscal_year": dataset.fiscal_year,
        "category": dataset.category,
        "tags": list(dataset.tags or []),
        "license_url": dataset.license_url,
        "modified_at": dataset.modified_at,
        "url": reverse("opendata-public:dataset-detail", kwargs=kwargs),
        "csv_url": reverse("opendata-public:dataset-csv", kwargs=kwargs),
        "json_url": reverse("opendata-public:dataset-json", kwargs=kwargs),
    }


@router.get(
    "/{org}/datasets",
    response={200: list[schemas.DatasetOut], **NOT_FOUND},
    tags=READ_TAGS,
    summary="The open-data catalogue",
)
@paginate(LimitOffset)
def dataset_list(request, org: str, q: schemas.SearchText = ""):
    """ชุดข้อมูลเปิดที่เผยแพร่ (ดู CKAN Action API สำหรับเครื่องมือที่ใช้ CKAN)"""
    organization = _organization(request, org)
    queryset = opendata_selectors.dataset_list_public(organization=organization, q=q)
    return Rows(queryset, lambda dataset: _dataset_out(dataset, organization.slug))


@router.get(
    "/{org}/services",
    response={200: list[schemas.ServiceOut], **NOT_FOUND},
    tags=READ_TAGS,
    summary="The E-Service catalogue",
)
@paginate(LimitOffset)
def service_list(request, org: str):
    """บริการที่เปิดให้ประชาชน พร้อมระยะเวลาตามคู่มือสำหรับประชาชน"""
    organization = _organization(request, org)
    online = {
        service.pk
        for service in eservice_selectors.service_list_online(organization=organization)
    }

    def convert(service) -> dict:
        return {
            "code": service.code,
            "name": service.name,
            "category": service.category,
            "description": service.description,
            "time_limit_days": service.time_limit_days,
            "time_limit_unit": service.time_limit_unit,
            "fees": service.fees,
            "legal_basis": service.legal_basis,
            "responsible_unit": service.responsible_unit,
            "channels": service.channels,
            "online": service.pk in online,
            "url": reverse(
                "eservices-public:service-detail",
                kwargs={"org": organization.slug, "code": service.code},
            ),
        }

    queryset = eservice_selectors.service_list(
        organization=organization, published_only=True
    )
    return Rows(queryset, convert)


@router.get(
    "/{org}/complaints/statistics",
    response={200: schemas.ComplaintStatisticsOut, **NOT_FOUND},
    tags=READ_TAGS,
    summary="Public complaint statistics of a fiscal year",
)
def complaint_statistics(
    request, org: str, fiscal_year: schemas.FiscalYear | None = None
):
    """สถิติเรื่องร้องเรียนของปีงบประมาณ (ค่าเริ่มต้น: ปีล่าสุด) ตามหน้าสถิติสาธารณะ"""
    organization = _organization(request, org)
    years = selectors_statistics.statistics_year_list(organization=organization)
    year = fiscal_year or years[0]
    if not MIN_STATISTICS_YEAR <= year <= max(years):
        raise Http404
    stats = selectors_statistics.complaint_statistics_get(
        organization=organization, fiscal_year=year
    )
    return {
        "fiscal_year": year,
        "fiscal_years": years,
        "total": stats["total"],
        "outcomes": stats["outcomes"],
        "by_kind": [{"label": k, "count": n} for k, n in stats["by_kind"]],
        "by_channel": [{"label": k, "count": n} for k, n in stats["by_channel"]],
        "by_category": [
            {"category": name, **{key: int(value) for key, value in counts.items()}}
            for name, counts in stats["by_category"]
        ],
        "satisfaction_count": stats["satisfaction_count"],
        "satisfaction_mean": stats["satisfaction_mean"],
        "corruption": stats["corruption"],
    }


def _ita_out(report, publication, slug: str) -> dict:
    analysis = (publication.snapshot or {}).get("analysis") or {}
    score = analysis.get("score") or {}
    level = score.get("level") or {}
    return {
        "fiscal_year": report.fiscal_year,
        "published_at": publication.published_at,
        "publication_number": publication.number,
        "score": {
            "total": score.get("total"),
            "iit": score.get("iit"),
            "eit": score.get("eit"),
            "oit": score.get("oit"),
            "level_code": level.get("code", ""),
            "level_label": level.get("label_th", ""),
            "official": bool(score.get("official")),
        },
        "indicators": [
            {
                "kind": row.get("kind", ""),
                "code": row.get("code", ""),
                "title": row.get("title", ""),
                "score": row.get("score"),
            }
            for row in [*analysis.get("tools", []), *analysis.get("indicators", [])]
        ],
        "url": reverse(
            "ita-public:report", kwargs={"org": slug, "fiscal_year": report.fiscal_year}
        ),
    }


@router.get(
    "/{org}/ita/results",
    response={200: list[schemas.ItaResultOut], **NOT_FOUND},
    tags=READ_TAGS,
    summary="Published ITA results",
)
def ita_result_list(request, org: str):
    """ผลการประเมิน ITA ตามรายงานที่เผยแพร่แล้ว (ฉบับล่าสุดของแต่ละปี; ไม่รวมฉบับร่าง)"""
    organization = _organization(request, org)
    reports = list(
        ita_selectors.analysis_report_list_published(organization=organization)
    )
    current = publications_current(
        organization, AnalysisReport, [report.pk for report in reports]
    )
    return [
        _ita_out(report, current[report.pk], organization.slug)
        for report in reports
        if report.pk in current
    ]
