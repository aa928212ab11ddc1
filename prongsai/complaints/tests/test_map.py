"""The public map of complaints: what is public, the page, its GeoJSON."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from prongsai.complaints import selectors_map
from prongsai.complaints.models import Kind, Status
from prongsai.complaints.selectors_map import (
    public_report_list,
    public_report_list_by_id,
    round_coordinate,
)

from .factories import CaseFactory, ConfidentialCaseFactory
from .map_data import category, public_case

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _ids(reports):
    return [r.public_id for r in reports.reports]


def test_only_approved_open_or_recently_resolved_general_cases_are_public(
    organization, other_organization
):
    now = timezone.now()
    shown_open = public_case(organization, reference="C2569-0001")
    shown_resolved = public_case(
        organization,
        reference="C2569-0002",
        status=Status.RESOLVED,
        closed_at=now - 89 * DAY,
        received_at=now - 100 * DAY,
    )
    public_case(organization, reference="C2569-0003", kind=Kind.SUGGESTION)
    hidden = {
        "old resolved": public_case(
            organization,
            reference="C2569-0010",
            status=Status.RESOLVED,
            closed_at=now - 91 * DAY,
        ),
        "not reviewed": public_case(
            organization, reference="C2569-0011", public_text_reviewed_at=None
        ),
        "empty text": public_case(
            organization, reference="C2569-0012", public_subject=""
        ),
        "merged": public_case(
            organization, reference="C2569-0013", merged_into=shown_open
        ),
        "praise": public_case(organization, reference="C2569-0014", kind=Kind.PRAISE),
        "rejected": public_case(
            organization, reference="C2569-0015", status=Status.REJECTED
        ),
        "forwarded": public_case(
            organization, reference="C2569-0016", status=Status.FORWARDED
        ),
        "other organisation": public_case(other_organization, reference="C2569-0017"),
    }
    confidential = ConfidentialCaseFactory(
        organization=organization,
        reference="R2569-0001",
        status=Status.IN_PROGRESS,
        public_subject="เรียกรับเงิน",
        public_text_reviewed_at=now,
        latitude=Decimal("16.75"),
        longitude=Decimal("102.61"),
    )
    reports = public_report_list(organization=organization)
    assert _ids(reports) == ["C2569-0003", "C2569-0001", "C2569-0002"]
    for name, case in [*hidden.items(), ("confidential", confidential)]:
        assert case.reference not in _ids(reports), name
        found = public_report_list_by_id(
            organization=organization, public_ids=[case.reference]
        )
        assert found == [], name
    assert public_report_list_by_id(
        organization=organization, public_ids=["c2569-0002 ", "C2569-0010"]
    ) == [selectors_map.public_report_of(shown_resolved)]


def test_a_report_shows_no_personal_data_and_rounded_coordinates(organization):
    case = public_case(organization, category=category(organization))
    (report,) = public_report_list(organization=organization).reports
    assert report.subject == "ไฟถนนดับ"
    assert (report.latitude, report.longitude) == (16.7561, 102.6181)
    assert report.category == "ไฟฟ้าส่องสว่างสาธารณะ"
    assert report.status_label == "กำลังดำเนินการ"
    assert report.after_photo_url is None  # no consent for after-fix photos yet
    text = repr(report)
    for private in (
        case.subject,
        case.description,
        case.complainant_name,
        case.complainant_phone,
        case.complainant_email,
        case.line_user_id,
        case.tracking_code,
    ):
        assert private not in text


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Decimal("16.756149"), 16.7561),
        (Decimal("16.756150"), 16.7562),
        (Decimal("-0.000049"), -0.0),
        (Decimal("102.6"), 102.6),
        (None, None),
    ],
)
def test_rounding_to_about_ten_metres(value, rounded):
    assert round_coordinate(value) == rounded


def test_no_location_once_personal_data_was_removed(organization):
    public_case(organization, personal_data_removed_at=timezone.now())
    (report,) = public_report_list(organization=organization).reports
    assert report.latitude is None and not report.located
    assert (
        public_report_list(organization=organization, located_only=True).reports == []
    )


def test_filters_category_state_period_and_location(organization):
    roads = category(organization, "ถนน")
    lights = category(organization, "ไฟฟ้า")
    now = timezone.now()
    public_case(organization, reference="C2569-0001", category=roads)
    public_case(
        organization,
        reference="C2569-0002",
        category=lights,
        status=Status.RESOLVED,
        received_at=now - 40 * DAY,
    )
    public_case(organization, reference="C2569-0003", category=lights, latitude=None)
    org = organization
    assert _ids(public_report_list(organization=org, category_id=roads.pk)) == [
        "C2569-0001"
    ]
    assert _ids(public_report_list(organization=org, state="resolved")) == [
        "C2569-0002"
    ]
    assert _ids(public_report_list(organization=org, state="open")) == [
        "C2569-0003",
        "C2569-0001",
    ]
    assert _ids(public_report_list(organization=org, period_days=30)) == [
        "C2569-0003",
        "C2569-0001",
    ]
    assert _ids(public_report_list(organization=org, located_only=True)) == [
        "C2569-0001",
        "C2569-0002",
    ]


def test_markers_take_one_query_and_are_capped_newest_first(
    organization, django_assert_num_queries
):
    now = timezone.now()
    for n in range(4):
        public_case(
            organization,
            reference=f"C2569-{n + 1:04d}",
            category=category(organization, f"หมวด {n}"),
            received_at=now - n * DAY,
        )
    with django_assert_num_queries(1):
        reports = public_report_list(organization=organization, limit=3)
        assert [r.category for r in reports.reports] == ["หมวด 0", "หมวด 1", "หมวด 2"]
    assert reports.capped
    assert not public_report_list(organization=organization, limit=4).capped


def test_a_resolved_report_shows_its_public_photo_after_the_fix(
    client, organization, django_assert_num_queries
):
    from prongsai.complaints.models import CaseAttachment

    from .factories import AttachmentFactory

    fixed = public_case(organization, reference="C2569-0001", status=Status.RESOLVED)
    hidden = public_case(organization, reference="C2569-0002", status=Status.RESOLVED)
    still_open = public_case(organization, reference="C2569-0003")
    AttachmentFactory(case=fixed)  # the complainant's own photo: never shown
    after = AttachmentFactory(
        case=fixed, kind=CaseAttachment.Kind.AFTER_FIX, is_public=True
    )
    AttachmentFactory(case=hidden, kind=CaseAttachment.Kind.AFTER_FIX, is_public=False)
    AttachmentFactory(
        case=still_open, kind=CaseAttachment.Kind.AFTER_FIX, is_public=True
    )
    with django_assert_num_queries(1):
        reports = {
            r.public_id: r.after_photo_url
            for r in public_report_list(organization=organization).reports
        }
    url = f"/{organization.slug}/complaints/after-fix/{after.pk}/"
    assert reports == {"C2569-0001": url, "C2569-0002": None, "C2569-0003": None}
    geojson = client.get(f"/{organization.slug}/complaints/map.geojson").json()
    photos = {
        f["properties"]["id"]: f["properties"]["after_photo_url"]
        for f in geojson["features"]
    }
    assert photos["C2569-0001"] == url
    assert client.get(url).status_code == 200


# --- The page ---------------------------------------------------------------------


def test_map_page_lists_the_reports_with_thai_labels_and_dates(client, organization):
    public_case(
        organization,
        reference="C2569-0001",
        category=category(organization),
        received_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 10)),
    )
    public_case(organization, reference="C2569-0002", latitude=None, longitude=None)
    hidden = public_case(
        organization, reference="C2569-0003", public_text_reviewed_at=None
    )
    response = client.get("/bandong/complaints/map/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "แผนที่เรื่องร้องเรียน" in body
    assert "C2569-0001" in body and "C2569-0002" in body
    assert "C2569-0003" not in body and hidden.subject not in body
    assert "กำลังดำเนินการ" in body
    assert "5 มี.ค. 2569" in body
    assert "2 เรื่อง อยู่บนแผนที่ 1 เรื่อง" in body
    assert "081-234-5678" not in body and "นายสมศักดิ์" not in body
    points = json.loads(
        body.split('id="report-map-points" type="application/json">')[1].split("<")[0]
    )
    assert points == [
        {
            "id": "C2569-0001",
            "lat": 16.7561,
            "lng": 102.6181,
            "category": "ไฟฟ้าส่องสว่างสาธารณะ",
            "subject": "ไฟถนนดับ",
            "state": "open",
            "status": "กำลังดำเนินการ",
            "received": "5 มี.ค. 2569",
        }
    ]
    assert "vendor/leaflet/leaflet.js" in body and "complaints/report_map.js" in body
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in body
    assert "<script>" not in body  # no inline script: the CSP allows none


def test_map_page_filters_work_without_javascript(client, organization):
    roads = category(organization, "ถนน")
    public_case(organization, reference="C2569-0001", category=roads)
    public_case(organization, reference="C2569-0002", status=Status.RESOLVED)
    body = client.get(
        "/bandong/complaints/map/", {"category": roads.pk, "status": "open"}
    ).content.decode()
    assert "C2569-0001" in body and "C2569-0002" not in body
    assert f'<option value="{roads.pk}" selected>ถนน</option>' in body
    assert "ล้างตัวกรอง" in body
    assert f"map.geojson?category={roads.pk}&amp;status=open" in body
    body = client.get("/bandong/complaints/map/", {"status": "resolved"}).content
    assert b"C2569-0002" in body and b"C2569-0001" not in body
    body = client.get("/bandong/complaints/map/", {"period": "7"}).content
    assert b"C2569-0001" in body


@pytest.mark.parametrize(
    "params",
    [{"category": "abc"}, {"status": "closed"}, {"period": "9" * 400}, {"x": "1"}],
)
def test_wrong_filter_values_are_ignored(client, organization, params):
    public_case(organization)
    response = client.get("/bandong/complaints/map/", params)
    assert response.status_code == 200
    assert b'id="report-table"' in response.content


def test_an_empty_map_says_so(client, organization):
    body = client.get("/bandong/complaints/map/").content.decode()
    assert 'id="no-reports"' in body and "report-map-points" not in body
    body = client.get("/bandong/complaints/map/", {"status": "open"}).content.decode()
    assert "ไม่มีเรื่องที่ตรงกับตัวกรองนี้" in body


def test_a_capped_map_says_so(client, organization, monkeypatch):
    monkeypatch.setattr(selectors_map, "MAX_REPORTS", 1)
    public_case(organization, reference="C2569-0001")
    public_case(organization, reference="C2569-0002")
    body = client.get("/bandong/complaints/map/").content.decode()
    assert 'id="report-capped"' in body and "แสดงเฉพาะ 1 เรื่องล่าสุด" in body
    data = client.get("/bandong/complaints/map.geojson").json()
    assert data["capped"] is True and len(data["features"]) == 1


def test_unknown_organisation_is_404(client, organization):
    assert client.get("/nowhere/complaints/map/").status_code == 404
    assert client.get("/nowhere/complaints/map.geojson").status_code == 404


def test_the_map_is_linked_from_the_public_pages(client, organization):
    for path in (
        "/bandong/complaints/",
        "/bandong/complaints/statistics/",
        "/bandong/",
    ):
        body = client.get(path).content.decode()
        assert 'href="/bandong/complaints/map/"' in body, path


# --- GeoJSON ----------------------------------------------------------------------


def test_geojson_is_a_feature_collection_in_lon_lat_order(client, organization):
    public_case(
        organization,
        reference="C2569-0001",
        category=category(organization),
        received_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 23, 30)),
    )
    public_case(organization, reference="C2569-0002", latitude=None, longitude=None)
    response = client.get("/bandong/complaints/map.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection" and data["capped"] is False
    assert data["features"] == [
        {
            "type": "Feature",
            "id": "C2569-0001",
            "geometry": {"type": "Point", "coordinates": [102.6181, 16.7561]},
            "properties": {
                "id": "C2569-0001",
                "category": "ไฟฟ้าส่องสว่างสาธารณะ",
                "status": "open",
                "status_label": "กำลังดำเนินการ",
                "received": "2026-03-05",
                "subject": "ไฟถนนดับ",
                "after_photo_url": None,
            },
        }
    ]


def test_geojson_follows_the_filters(client, organization):
    public_case(organization, reference="C2569-0001")
    public_case(organization, reference="C2569-0002", status=Status.RESOLVED)
    data = client.get("/bandong/complaints/map.geojson", {"status": "resolved"}).json()
    assert [f["id"] for f in data["features"]] == ["C2569-0002"]
    assert data["features"][0]["properties"]["status"] == "resolved"
    assert data["features"][0]["properties"]["status_label"] == "ดำเนินการแล้วเสร็จ"


def test_geojson_never_holds_confidential_or_private_text(client, organization):
    case = public_case(organization)
    ConfidentialCaseFactory(
        organization=organization,
        public_subject="เรียกรับเงิน",
        public_text_reviewed_at=timezone.now(),
        latitude=Decimal("16.7"),
        longitude=Decimal("102.6"),
    )
    CaseFactory(organization=organization, latitude=Decimal("16.7"))
    body = client.get("/bandong/complaints/map.geojson").content.decode()
    assert json.loads(body)["features"][0]["id"] == case.reference
    assert len(json.loads(body)["features"]) == 1
    for private in (
        case.description,
        case.complainant_name,
        case.complainant_phone,
        case.tracking_code,
        "16.756149",
        "เรียกรับเงิน",
    ):
        assert private not in body
