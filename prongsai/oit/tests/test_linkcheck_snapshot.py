"""The submission snapshot: a private, size-limited copy of every submitted
page with its SHA-256 and fetch time, and the staff page that shows them."""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.models import AuditEvent
from prongsai.oit import linkcheck, services, services_submission
from prongsai.oit.models import ChecklistItem, Evidence, SubmittedCopy
from prongsai.oit.services import checklist_open
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("upload_only_items")]

PAGE = "<html><body>รายงานผลการจัดซื้อจัดจ้าง</body></html>".encode()


def _fake_network(monkeypatch, answers):
    """Stub the fetch of each absolute URL; records the options used."""
    calls = []

    def fetch(url, *, timeout, own_origins, keep_bytes):
        calls.append({"url": url, "keep_bytes": keep_bytes, "own": own_origins})
        for key, answer in answers.items():
            if key in url:
                return answer(url)
        return _ok(url, PAGE)

    monkeypatch.setattr(linkcheck, "fetch", fetch)
    return calls


def _ok(url, body, content_type="text/html; charset=utf-8"):
    return linkcheck.FetchResult(
        url,
        200,
        url,
        0,
        linkcheck.content_hash(body),
        len(body),
        3,
        content_type=content_type,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
    )


def _links(checklist, code, *urls):
    item = checklist.items.get(code=code)
    for n, url in enumerate(urls):
        Evidence.objects.create(
            organization=checklist.organization,
            item=item,
            kind=Evidence.Kind.LINK,
            title=f"ลิงก์ {n + 1}",
            url=url,
        )
    ChecklistItem.objects.filter(pk=item.pk).update(status=ChecklistItem.Status.READY)
    return item


def _copies(item):
    return list(
        SubmittedCopy.objects.filter(
            organization=item.organization, submitted_url__item=item
        ).order_by("submitted_url__pk")
    )


def test_each_submitted_page_is_kept_privately_with_hash_and_time(
    monkeypatch, settings, checklist, officer
):
    calls = _fake_network(monkeypatch, {})
    item = _links(checklist, "O8", "https://www.bandong.go.th/news/1")
    services_submission.checklist_submit(actor=officer, checklist=checklist)
    checklist.refresh_from_db()
    [copy] = _copies(item)
    assert copy.outcome == SubmittedCopy.Outcome.STORED
    assert copy.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert copy.fetched_at == checklist.submitted_at
    assert copy.size == len(PAGE)
    assert copy.file.name.endswith(".html")
    with copy.file.open("rb") as kept:
        assert kept.read() == PAGE
    # In private storage, not under the public media root.
    assert copy.file.storage.base_location != str(settings.MEDIA_ROOT)
    assert not (settings.MEDIA_ROOT / copy.file.name).exists()
    assert calls[0]["keep_bytes"] == services_submission.SNAPSHOT_MAX_BYTES
    audit = AuditEvent.objects.filter(
        organization=checklist.organization, action="oit_checklist.submit"
    ).get()
    assert audit.changes["copies"] == audit.changes["urls"]


def test_the_same_content_is_stored_once(monkeypatch, checklist, officer):
    _fake_network(monkeypatch, {})
    item = _links(checklist, "O8", "https://a.example.org/", "https://b.example.org/")
    services_submission.checklist_submit(actor=officer, checklist=checklist)
    first, second = _copies(item)
    assert first.file.name == second.file.name


def test_too_large_and_failed_pages_are_recorded_without_a_copy(
    monkeypatch, checklist, officer
):
    def too_large(url):
        return linkcheck.FetchResult(
            url, 200, url, 0, "h", 10 * 1024 * 1024, 5, too_large=True
        )

    def dns(url):
        return linkcheck.FetchResult(url, None, url, 0, "", 0, 5, linkcheck.DNS)

    _fake_network(monkeypatch, {"big.example.org": too_large, "gone": dns})
    item = _links(
        checklist, "O8", "https://big.example.org/plan.pdf", "https://gone.example/"
    )
    services_submission.checklist_submit(actor=officer, checklist=checklist)
    big, gone = _copies(item)
    assert big.outcome == SubmittedCopy.Outcome.TOO_LARGE
    assert not big.file
    assert gone.outcome == SubmittedCopy.Outcome.NOT_FETCHED
    assert not gone.file
    assert gone.submitted_url.error == "ไม่พบชื่อโดเมน"
    assert gone.submitted_url.status_code is None


def test_a_real_fetch_over_the_limit_keeps_no_copy(monkeypatch, checklist, officer):
    """The limit reaches the network fetch: a body over it is not kept."""
    monkeypatch.setattr(services_submission, "SNAPSHOT_MAX_BYTES", 10)
    seen = {}

    def fetch(url, *, timeout, own_origins, keep_bytes):
        seen["keep_bytes"] = keep_bytes
        return linkcheck.FetchResult(
            url, 200, url, 0, "h", keep_bytes, 1, too_large=len(PAGE) > keep_bytes
        )

    monkeypatch.setattr(linkcheck, "fetch", fetch)
    item = _links(checklist, "O8", "https://a.example.org/")
    services_submission.checklist_submit(actor=officer, checklist=checklist)
    assert seen["keep_bytes"] == 10
    assert _copies(item)[0].outcome == SubmittedCopy.Outcome.TOO_LARGE


def test_paths_of_this_site_are_fetched_at_the_public_address(
    monkeypatch, settings, checklist, officer
):
    settings.PRONGSAI_BASE_URL = "https://prongsai.example.go.th"
    calls = _fake_network(monkeypatch, {})
    item = checklist.items.get(code="O8")
    services.evidence_add(
        actor=officer,
        item=item,
        kind=Evidence.Kind.UPLOAD,
        title="หลักฐาน",
        file=ContentFile(b"a,b\r\n", name="o8.csv"),
        covers_fiscal_year=item.data_year,
        period="h1",
        approved_by_name="นายก",
        approved_on=datetime.date(2025, 10, 1),
    )
    services_submission.link_check_run(
        organization=checklist.organization, checklist=checklist
    )
    [call] = [c for c in calls if "/oit/evidence/" in c["url"]]
    assert call["url"].startswith(
        "https://prongsai.example.go.th/bandong/oit/evidence/"
    )
    assert ("prongsai.example.go.th", 443) in call["own"]
    # Generated evidence (pages of this site) goes to the same address.
    assert all(c["url"].startswith("https://") for c in calls)


def test_own_origins_include_the_verified_host_name(settings, organization):
    settings.PRONGSAI_BASE_URL = "https://prongsai.example.go.th"
    settings.PRONGSAI_ALLOW_ORGANIZATION_HOSTS = True
    assert services_submission.own_origins(organization) == {
        ("prongsai.example.go.th", 443),
        ("prongsai.example.go.th", 80),
    }
    organization.host_name = "www.bandong.go.th"
    organization.host_verified_at = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    assert services_submission.own_origins(organization) == {
        ("prongsai.example.go.th", 443),
        ("prongsai.example.go.th", 80),
        ("www.bandong.go.th", 443),
        ("www.bandong.go.th", 80),
    }
    # A verified name not yet served (own hosts off) is not an own origin.
    settings.PRONGSAI_ALLOW_ORGANIZATION_HOSTS = False
    settings.PRONGSAI_BASE_URL = "http://127.0.0.1:8000"
    assert services_submission.own_origins(organization) == {("127.0.0.1", 8000)}


def test_link_check_warnings_are_thai(monkeypatch, checklist, officer):
    def missing(url):
        return linkcheck.FetchResult(url, 404, url, 0, "", 9, 1)

    _fake_network(monkeypatch, {"missing": missing})
    _links(checklist, "O8", "https://example.org/missing")
    warnings = services_submission.link_check_run(
        organization=checklist.organization, checklist=checklist
    )
    assert warnings == [
        "O8: ลิงก์ใช้ไม่ได้ (ไม่พบหน้า (HTTP 404)) https://example.org/missing"
    ]


# --- The staff page ------------------------------------------------------------


def _submitted(monkeypatch, checklist, officer):
    _fake_network(monkeypatch, {})
    item = _links(checklist, "O8", "https://www.bandong.go.th/news/1")
    services_submission.checklist_submit(actor=officer, checklist=checklist)
    return _copies(item)[0]


def test_the_staff_page_lists_what_was_submitted(
    client, monkeypatch, checklist, officer
):
    copy = _submitted(monkeypatch, checklist, officer)
    client.force_login(officer)
    url = reverse("oit-staff:submitted", kwargs={"org": "bandong", "fiscal_year": 2569})
    body = client.get(url).content.decode()
    assert "https://www.bandong.go.th/news/1" in body
    assert copy.sha256 in body
    assert ">200<" in body
    download = reverse(
        "oit-staff:copy-download", kwargs={"org": "bandong", "pk": copy.pk}
    )
    assert download in body
    checklist_page = client.get(
        reverse("oit-staff:checklist", kwargs={"org": "bandong", "fiscal_year": 2569})
    ).content.decode()
    assert url in checklist_page


def test_the_copy_downloads_for_the_organisation_only(
    client, monkeypatch, checklist, officer, other_organization, frameworks
):
    copy = _submitted(monkeypatch, checklist, officer)
    client.force_login(officer)
    url = reverse("oit-staff:copy-download", kwargs={"org": "bandong", "pk": copy.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PAGE
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "O8-2569-" in response["Content-Disposition"]

    # Another organisation's OIT staff: that copy does not exist for them.
    stranger = UserFactory(totp=True)
    MembershipFactory(
        organization=other_organization,
        user=stranger,
        roles=[Role.DATA_OFFICER.value],
    )
    checklist_open(actor=stranger, organization=other_organization, fiscal_year=2569)
    client.force_login(stranger)
    elsewhere = reverse(
        "oit-staff:copy-download", kwargs={"org": "nongbua", "pk": copy.pk}
    )
    assert client.get(elsewhere).status_code == 404
    # Staff of the organisation without an OIT role may not.
    clerk = UserFactory(totp=True)
    MembershipFactory(
        organization=checklist.organization, user=clerk, roles=[Role.STAFF.value]
    )
    client.force_login(clerk)
    assert client.get(url).status_code == 403


def test_no_download_for_a_row_without_a_copy(client, monkeypatch, checklist, officer):
    copy = _submitted(monkeypatch, checklist, officer)
    SubmittedCopy.objects.filter(organization=copy.organization, pk=copy.pk).update(
        outcome=SubmittedCopy.Outcome.TOO_LARGE
    )
    client.force_login(officer)
    url = reverse("oit-staff:copy-download", kwargs={"org": "bandong", "pk": copy.pk})
    assert client.get(url).status_code == 404
