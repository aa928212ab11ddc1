"""How fast are the public documents, kept in storage, against rendering them
in each request as before?

    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_bench_pubdocs \
    DJANGO_SETTINGS_MODULE=config.settings.test \
    .venv/bin/python bench/public_documents.py

Builds a throw-away PostgreSQL test database with one organisation holding a
year of complaints (600 cases over 8 categories) and a published corruption
risk assessment (15 risks). For each public document registered with
``core.public_documents`` it measures the old way (the document built by its
build function, as the view did in every anonymous request) and the new way
(the anonymous request answered from the copy kept in the default storage),
and once the copy made again after a change (the refresh task's work, off the
request). Issue #21 measured ~400 ms (statistics PDF) and ~500 ms (risk
report) per request and asks for under 20 ms. The anchor is ``/healthz`` in
the same run: what the machine charges for any request.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import setup_test_environment, teardown_test_environment

RENDER_RUNS = 7
SERVE_RUNS = 50
CASES = 600


def build():
    from django.utils import timezone

    from prongsai.complaints.models import Case, Category, Channel, Kind, Status
    from prongsai.core import codes
    from prongsai.organizations.models import Organization
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import MembershipFactory
    from prongsai.risks import services as risks
    from prongsai.risks.models import Risk

    organization = Organization.objects.create(
        kind=Organization.Kind.SAO,
        name="องค์การบริหารส่วนตำบลบ้านดง",
        slug="bandong",
        dla_code="6400101",
        province="ขอนแก่น",
        district="อุบลรัตน์",
    )
    categories = Category.objects.bulk_create(
        [
            Category(organization=organization, name=f"หมวดที่ {n}", resolve_days=15)
            for n in range(8)
        ]
    )
    now = timezone.now()
    statuses = [Status.RECEIVED, Status.IN_PROGRESS, Status.RESOLVED]
    Case.objects.bulk_create(
        [
            Case(
                organization=organization,
                reference=f"C2569-{n + 1:04d}",
                tracking_code=codes.new_tracking_code(),
                kind=Kind.COMPLAINT,
                channel=Channel.WEB,
                category=categories[n % 8],
                status=statuses[n % 3],
                subject="ไฟถนนดับ",
                description="ไฟถนนหน้าโรงเรียนดับ",
                received_at=now - datetime.timedelta(hours=n * 6 % (24 * 60)),
            )
            for n in range(CASES)
        ]
    )
    coordinator = MembershipFactory(
        organization=organization, roles=[Role.ITA_COORDINATOR.value]
    ).user
    assessment = risks.risk_assessment_create(
        actor=coordinator, organization=organization, fiscal_year=2569
    )
    processes = list(Risk.Process.values)
    for n in range(15):
        risks.risk_create(
            actor=coordinator,
            assessment=assessment,
            data={
                "process": processes[n % len(processes)],
                "event": f"ความเสี่ยงการทุจริตข้อที่ {n + 1}",
                "likelihood": 1 + n % 5,
                "impact": 1 + (n * 2) % 5,
            },
        )
    risks.risk_assessment_publish(actor=coordinator, assessment=assessment)
    return organization, assessment


def _median_ms(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _documents(organization, assessment):
    from django.urls import reverse

    from prongsai.core import thai_dates
    from prongsai.core.public_documents import public_document_kind

    year = thai_dates.fiscal_year(datetime.date.today())
    statistics_url = f"/{organization.slug}/complaints/statistics"
    return [
        (
            "complaint statistics PDF",
            f"{statistics_url}/pdf/?year={year}",
            public_document_kind("complaints.statistics_pdf"),
            {"fiscal_year": year},
        ),
        (
            "complaint statistics XLSX",
            f"{statistics_url}/xlsx/?year={year}",
            public_document_kind("complaints.statistics_xlsx"),
            {"fiscal_year": year},
        ),
        (
            "risk report PDF",
            reverse(
                "risks-public:risk-report",
                kwargs={"org": organization.slug, "pk": assessment.pk},
            ),
            public_document_kind("risks.report_pdf"),
            {"pk": assessment.pk},
        ),
    ]


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: set TEST_DATABASE_URL=postgres://...")
    import tempfile

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    media = tempfile.mkdtemp(prefix="prongsai-bench-media-")
    try:
        with override_settings(MEDIA_ROOT=media):
            _run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def _run() -> None:
    from prongsai.core.public_documents import (
        public_documents_changed,
        public_documents_refresh,
    )

    organization, assessment = build()
    client = Client()
    anchor = _median_ms(lambda: client.get("/healthz"), SERVE_RUNS)
    print(f"{'anchor /healthz':<40} median {anchor:7.1f} ms (over {SERVE_RUNS} runs)")
    for label, url, kind, params in _documents(organization, assessment):
        response = client.get(url)
        assert response.status_code == 200, url
        old = _median_ms(
            lambda kind=kind, params=params: kind.build(
                organization=organization, **params
            ),
            RENDER_RUNS,
        )

        def serve(url=url):
            response = client.get(url)
            assert response["X-Public-Document"] == "stored", url
            b"".join(response.streaming_content)

        new = _median_ms(serve, SERVE_RUNS)
        began = time.perf_counter()
        # Outside a transaction the change commits at once and the (eager)
        # refresh task makes the copy again right here.
        public_documents_changed(organization.pk, [kind.key])
        public_documents_refresh(organization.pk, [kind.key])
        remade = (time.perf_counter() - began) * 1000
        assert client.get(url)["X-Public-Document"] == "stored"
        print(
            f"{label:<40} rendered per request {old:7.1f} ms (over {RENDER_RUNS}); "
            f"served from storage {new:5.1f} ms (over {SERVE_RUNS}; target < 20 ms); "
            f"made again after a change {remade:6.1f} ms (task)"
        )


if __name__ == "__main__":
    main()
