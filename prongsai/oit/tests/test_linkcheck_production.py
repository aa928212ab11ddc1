"""The link checker under production host settings: own pages are fetched at
the organisation's public address, through the front door, and answer 200.

Only the DNS edge is stubbed: the platform's real host name resolves to the
live test server. Everything else (HTTP, Host header, ``ALLOWED_HOSTS``,
``DEBUG`` off) is as deployed.
"""

import datetime
import hashlib
import socket
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile

from prongsai.oit import linkcheck, services, services_submission
from prongsai.oit.models import (
    ChecklistItem,
    Evidence,
    LinkCheck,
    SubmittedCopy,
    SubmittedUrl,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("upload_only_items"),
]

HOST = "prongsai.example.go.th"
CSV = b"a,b\r\n1,2\r\n"


@pytest.fixture
def production(live_server, settings, monkeypatch):
    """Production host settings; ``HOST`` resolves to the live server."""
    port = urlsplit(live_server.url).port
    settings.ALLOWED_HOSTS = [HOST]
    settings.DEBUG = False
    settings.PRONGSAI_BASE_URL = f"http://{HOST}:{port}"
    real_resolve = linkcheck.resolve

    def resolve(host, port):
        if host == HOST:
            return real_resolve("localhost", port)
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(linkcheck, "resolve", resolve)
    return settings.PRONGSAI_BASE_URL


def _evidence(checklist, officer, code="O8"):
    """An uploaded file and a link to an own HTML page, the item ready."""
    item = checklist.items.get(code=code)
    services.evidence_add(
        actor=officer,
        item=item,
        kind=Evidence.Kind.UPLOAD,
        title=f"หลักฐาน {code}",
        file=ContentFile(CSV, name=f"{code}.csv"),
        covers_fiscal_year=item.data_year,
        period="h1",
        approved_by_name="นายก",
        approved_on=datetime.date(2025, 10, 1),
    )
    ChecklistItem.objects.filter(pk=item.pk).update(status=ChecklistItem.Status.READY)
    return item


def test_own_pages_come_back_200_under_production_hosts(production, checklist, officer):
    item = _evidence(checklist, officer)
    Evidence.objects.create(
        organization=checklist.organization,
        item=item,
        kind=Evidence.Kind.LINK,
        title="หน้า ITA/OIT ของหน่วยงาน",
        url=f"{production}/bandong/oit/",
    )
    warnings = services_submission.link_check_run(
        organization=checklist.organization, checklist=checklist
    )
    assert warnings == []
    checks = list(LinkCheck.objects.filter(item=item))
    assert len(checks) == 2
    assert {c.status_code for c in checks} == {200}
    assert all(c.ok and c.error == "" for c in checks)
    # The relative evidence path was fetched at the public address.
    uploaded = next(c for c in checks if c.url.startswith("/bandong/"))
    assert uploaded.final_url.startswith(production + "/bandong/oit/evidence/")


def test_the_submission_snapshot_records_200_and_keeps_the_copies(
    production, checklist, officer
):
    item = _evidence(checklist, officer)
    Evidence.objects.create(
        organization=checklist.organization,
        item=item,
        kind=Evidence.Kind.LINK,
        title="หน้า ITA/OIT ของหน่วยงาน",
        url=f"{production}/bandong/oit/",
    )
    services_submission.checklist_submit(actor=officer, checklist=checklist)
    rows = list(SubmittedUrl.objects.filter(item=item).order_by("pk"))
    assert [r.status_code for r in rows] == [200, 200]
    assert [r.error for r in rows] == ["", ""]
    upload, page = (
        SubmittedCopy.objects.get(submitted_url=rows[0]),
        SubmittedCopy.objects.get(submitted_url=rows[1]),
    )
    assert upload.outcome == page.outcome == SubmittedCopy.Outcome.STORED
    with upload.file.open("rb") as kept:
        assert kept.read() == CSV
    assert upload.sha256 == hashlib.sha256(CSV).hexdigest()
    with page.file.open("rb") as kept:
        html = kept.read()
    assert page.sha256 == hashlib.sha256(html).hexdigest()
    assert page.content_type.startswith("text/html")
    assert checklist.organization.name in html.decode()
    assert page.fetched_url == f"{production}/bandong/oit/"


def test_own_pages_through_the_proxy_address_keep_the_real_host(
    production, settings, monkeypatch, checklist
):
    """``PRONGSAI_LINKCHECK_OWN_ADDRESS``: no DNS for own origins, and the
    request still names the real host, so ``ALLOWED_HOSTS`` decides."""

    def no_dns(host, port):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(linkcheck, "resolve", no_dns)
    settings.PRONGSAI_LINKCHECK_OWN_ADDRESS = "127.0.0.1"
    own = {linkcheck.origin_of(production)}
    result = linkcheck.fetch(production + "/bandong/oit/", own_origins=own)
    assert result.status == 200
    settings.ALLOWED_HOSTS = ["another.example.go.th"]
    refused = linkcheck.fetch(production + "/bandong/oit/", own_origins=own)
    assert refused.status == 400
    assert refused.problem == "ลิงก์ใช้ไม่ได้ (HTTP 400)"
