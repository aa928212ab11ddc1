"""What the scheduled jobs, the pages and the database cost at national size.

    .venv/bin/python bench/national_data.py            # once: 7,849 LAOs
    .venv/bin/python bench/national_jobs.py [--sample 4] [--database URL]

On the database ``bench/national_data.py`` made, prints:

1. Each per-organisation task of the nightly, daily and hourly jobs, run in
   this process over a sample of organisations of every type (``--sample``
   of each): CPU of this process plus CPU of its PostgreSQL backend
   (``/proc``), per organisation, and the national total extrapolated with
   the real number of each type. The OIT link check fetches the site's own
   pages through the Django stack in this process (their rendering counts)
   and answers other sites' URLs at once (no network here).
2. The jobs that still run as one task over the country (their work follows
   what is due, not the number of organisations).
3. The dispatchers (``core.fanout``) queueing every organisation into a real
   Redis broker (``--broker``; a queue of its own that is deleted after).
4. Pages through the full Django stack: an organisation's public home page
   (page cache emptied before each request, and cached), the national and
   the largest province's page (/region/), next to the anchor ``/healthz``.
5. The database size per table and per organisation.

The jobs write what they would write at night (summaries, sends, link
checks), so a second run the same day finds less to send: the first run's
figures are the nightly ones.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _eservices_setup import django_setup
from national_data import DEFAULT_URL

CLOCK = os.sysconf("SC_CLK_TCK")
BIG_PROVINCE = "นครราชสีมา"


def backend_cpu(pid: int) -> float:
    """CPU seconds a PostgreSQL backend on this machine has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK


class Meter:
    """CPU of this process and of its database backend, and wall time."""

    def __enter__(self):
        from django.db import connection

        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.pid = cursor.fetchone()[0]
        self.wall = time.perf_counter()
        self.cpu = time.process_time()
        self.db = backend_cpu(self.pid)
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.db = backend_cpu(self.pid) - self.db


def sample_organizations(per_kind: int) -> dict[str, list]:
    from prongsai.organizations.models import Organization

    chosen = {}
    for kind in Organization.Kind.values:
        ids = list(
            Organization.objects.filter(kind=kind).order_by("pk").values_list("pk")
        )
        step = max(1, len(ids) // per_kind)
        picks = [pk for (pk,) in ids[::step][:per_kind]]
        chosen[kind] = list(Organization.objects.filter(pk__in=picks))
    return chosen


def own_site_fetcher():
    """Fetch this site's pages through the Django stack (their CPU counts);
    another site's URL is answered at once (the network is not measured)."""
    import hashlib

    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from prongsai.oit.linkcheck import FetchResult

    client = Client()
    own = urlsplit(settings.PRONGSAI_BASE_URL).netloc

    def fetch(url, **_options):
        parts = urlsplit(url)
        if parts.netloc == own:
            try:
                response = client.get(parts.path, {} if not parts.query else None)
                body = b"" if response.streaming else response.content
                status = response.status_code
            finally:
                connections.close_all()  # this fetch thread's own connection
        else:
            body, status = b"<html>ok</html>", 200
        return FetchResult(
            url=url,
            status=status,
            final_url=url,
            redirects=0,
            content_hash=hashlib.sha256(body).hexdigest(),
            size=len(body),
            elapsed_ms=0,
            content_type="text/html",
        )

    return fetch


def per_organization_jobs():
    """(label, how often a day, function of an organisation)."""
    from django.utils import timezone

    from prongsai.complaints.tasks import (
        complaints_reminders_for,
        confidential_digest_for,
    )
    from prongsai.eservices.tasks import request_deadline_reminders_for
    from prongsai.integrity.tasks import coi_yearly_reminders_for
    from prongsai.oit.models import Checklist
    from prongsai.oit.services_submission import link_check_run
    from prongsai.oit.tasks import oit_send_reminders_for
    from prongsai.opendata.tasks import dataset_sync_organization
    from prongsai.portal.tasks import desk_digest_for, region_summary_refresh

    now = timezone.now()
    today = timezone.localdate(now).isoformat()
    since = (now - datetime.timedelta(hours=24)).isoformat()
    fetcher = own_site_fetcher()

    def checklist(org):
        return Checklist.objects.filter(organization=org).order_by("-fiscal_year")[0]

    def link_check(org):
        link_check_run(
            organization=org,
            checklist=checklist(org),
            fetch_options={"fetcher": fetcher, "workers": 4},
        )

    return (
        ("open-data sync (hourly)", 24, lambda o: dataset_sync_organization(o.pk)),
        (
            "E-Service deadlines (hourly)",
            24,
            lambda o: request_deadline_reminders_for(o.pk, now.isoformat()),
        ),
        ("region summary (nightly)", 1, lambda o: region_summary_refresh(o.pk)),
        ("OIT link check (nightly)", 1, link_check),
        ("OIT reminders (daily)", 1, lambda o: oit_send_reminders_for(checklist(o).pk)),
        (
            "complaint reminders (daily)",
            1,
            lambda o: complaints_reminders_for(o.pk, today),
        ),
        (
            "confidential digest (daily)",
            1,
            lambda o: confidential_digest_for(o.pk, since, now.isoformat()),
        ),
        (
            "declaration reminders (daily)",
            1,
            lambda o: coi_yearly_reminders_for(o.pk, today),
        ),
        ("executive digest (weekly)", 1 / 7, lambda o: desk_digest_for(o.pk, today)),
    )


def measure_jobs(sample: dict[str, list], counts: dict[str, int], only: str) -> list:
    rows = []
    print("\n1. Per-organisation tasks (this process + its PostgreSQL backend)")
    print(
        f"{'job':<32} {'CPU/org median':>15} {'max':>7} {'national CPU':>13}"
        f" {'CPU-h/day':>10}"
    )
    for label, per_day, job in per_organization_jobs():
        if only and only not in label:
            continue
        by_kind: dict[str, list[float]] = defaultdict(list)
        for kind, organizations in sample.items():
            for org in organizations:
                with Meter() as meter:
                    job(org)
                by_kind[kind].append(meter.cpu + meter.db)
        every = [v for values in by_kind.values() for v in values]
        total = sum(
            statistics.mean(by_kind[k]) * counts[k] for k in by_kind if by_kind[k]
        )
        rows.append((label, per_day, total))
        print(
            f"{label:<32} {statistics.median(every) * 1000:12.0f} ms"
            f" {max(every):6.2f}s {total / 60:10.1f} min {total * per_day / 3600:9.2f}"
        )
    return rows


def _reset_pool(app) -> None:
    """Connections made again from the (changed) broker setting."""
    app._pool = None
    app.amqp._producer_pool = None


def measure_dispatch(broker: str) -> None:
    """Queue every organisation for real into Redis; the queue is deleted after."""
    import redis
    from celery import current_app

    from prongsai.complaints.tasks import complaints_send_reminders
    from prongsai.eservices.tasks import request_send_deadline_reminders
    from prongsai.oit.tasks import oit_check_links_all
    from prongsai.opendata.tasks import dataset_sync_all
    from prongsai.portal.tasks import region_summaries_refresh_all

    queue = "national-bench"
    conf = current_app.conf
    saved = (conf.task_always_eager, conf.broker_url, conf.task_default_queue)
    conf.task_always_eager, conf.broker_url, conf.task_default_queue = (
        False,
        broker,
        queue,
    )
    _reset_pool(current_app)
    client = redis.Redis.from_url(broker)
    print(f"\n3. Dispatchers queueing every organisation into {broker}")
    try:
        for job in (
            dataset_sync_all,
            oit_check_links_all,
            region_summaries_refresh_all,
            complaints_send_reminders,
            request_send_deadline_reminders,
        ):
            with Meter() as meter:
                queued = job()
            print(
                f"{job.name.rsplit('.', 1)[1]:<32} {queued:>6,} tasks in"
                f" {meter.wall:5.1f} s wall, {meter.cpu + meter.db:5.1f} s CPU"
                f" ({(meter.cpu + meter.db) / max(queued, 1) * 1000:.2f} ms a task);"
                f" queue length {client.llen(queue):,}"
            )
            client.delete(queue)
    finally:
        client.delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )
        conf.task_always_eager, conf.broker_url, conf.task_default_queue = saved
        _reset_pool(current_app)


def measure_country_jobs() -> None:
    from prongsai.notifications.tasks import notifications_send_digests
    from prongsai.plans.tasks import plans_remind_owners

    print("\n2. Jobs that stay one task over the country (work follows what is due)")
    for job, often in (
        (plans_remind_owners, "daily"),
        (notifications_send_digests, "daily"),
    ):
        with Meter() as meter:
            result = job()
        print(
            f"{job.name.rsplit('.', 1)[1] + ' (' + often + ')':<44} {result!s:>6} sent,"
            f" {meter.wall:6.1f} s wall, {meter.cpu + meter.db:6.1f} s CPU"
        )


def _time(client, url: str, *, runs: int, clear: bool) -> tuple:
    """Median wall and process CPU, and the database CPU averaged over the
    runs (the kernel counts it in 10 ms steps), in ms; and the page size."""
    from django.core.cache import cache

    assert client.get(url).status_code == 200, url
    wall, cpu, db, size = [], [], 0.0, 0
    for _ in range(runs):
        if clear:
            cache.clear()
        with Meter() as meter:
            response = client.get(url)
        assert response.status_code == 200, url
        size = len(response.content)
        wall.append(meter.wall)
        cpu.append(meter.cpu)
        db += meter.db
    return (
        statistics.median(wall) * 1000,
        statistics.median(cpu) * 1000,
        db / runs * 1000,
        size,
    )


def ensure_province(province: str) -> None:
    """Summaries of every LAO of the province, then the national roll-up."""
    from prongsai.organizations.models import Organization, RegionSummary
    from prongsai.portal.summaries import province_summaries_refresh
    from prongsai.portal.tasks import region_summary_refresh

    ids = Organization.objects.filter(province=province).values_list("pk", flat=True)
    done = set(
        RegionSummary.objects.filter(organization_id__in=ids).values_list(
            "organization_id", flat=True
        )
    )
    for pk in ids:
        if pk not in done:
            region_summary_refresh(pk)
    province_summaries_refresh()


def measure_pages(sample: dict[str, list], runs: int) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.test import Client

    from prongsai.accounts.models import User
    from prongsai.organizations.services_regions import viewer_grant_create

    ensure_province(BIG_PROVINCE)
    viewer = User.objects.filter(email="national@bench.example").first()
    if viewer is None:
        viewer = User.objects.create_user(
            email="national@bench.example",
            password="bench-national",  # noqa: S106 - a throw-away account
            full_name="ผู้ดูภาพรวมประเทศ",
        )
        viewer_grant_create(actor=None, user=viewer, scope="national")
    if not Authenticator.objects.filter(user=viewer).exists():
        TOTP.activate(viewer, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    national = Client()
    national.force_login(viewer)
    anonymous = Client()
    sao = sample["sao"][0]
    city = (sample["city_municipality"] or sample["town_municipality"])[0]
    cases = (
        ("anchor /healthz", anonymous, "/healthz", False),
        (
            f"home page of an SAO ({sao.slug}), uncached",
            anonymous,
            f"/{sao.slug}/",
            True,
        ),
        (
            f"home page of an SAO ({sao.slug}), cached",
            anonymous,
            f"/{sao.slug}/",
            False,
        ),
        (
            f"home page of a city ({city.slug}), uncached",
            anonymous,
            f"/{city.slug}/",
            True,
        ),
        ("national page /region/", national, "/region/", True),
        (
            f"province page ({BIG_PROVINCE}), uncached",
            national,
            f"/region/{quote(BIG_PROVINCE)}/",
            True,
        ),
        (
            f"province page ({BIG_PROVINCE}), cached table",
            national,
            f"/region/{quote(BIG_PROVINCE)}/",
            False,
        ),
    )
    print(f"\n4. Pages through the Django stack (median of {runs})")
    for label, client, url, clear in cases:
        wall, cpu, db, size = _time(client, url, runs=runs, clear=clear)
        print(
            f"{label:<52} {cpu:6.1f} ms CPU + {db:5.1f} ms DB CPU,"
            f" {wall:7.1f} ms wall, {size / 1024:6.1f} KB"
        )


def measure_size(counts: dict[str, int]) -> None:
    from django.db import connection

    organizations = sum(counts.values())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_total_relation_size(relid), n_live_tup "
            "FROM pg_stat_user_tables ORDER BY 2 DESC"
        )
        tables = cursor.fetchall()
    total = sum(size for _name, size, _rows in tables)
    print(f"\n5. Database size: {total / 2**30:.2f} GB for {organizations:,} LAOs")
    print(f"{'table':<34} {'rows':>10} {'MB':>8} {'KB per LAO':>11}")
    for name, size, rows in [*tables[:15], ("all tables", total, None)]:
        per_lao = size / 1024 / organizations
        shown = "" if rows is None else f"{rows:,}"
        print(f"{name:<34} {shown:>10} {size / 2**20:8.1f} {per_lao:11.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--sample", type=int, default=4, help="LAOs of each type")
    parser.add_argument("--runs", type=int, default=9, help="requests a page")
    parser.add_argument("--only", default="", help="jobs whose label has this")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["jobs", "dispatch", "country", "pages", "size"],
    )
    args = parser.parse_args()
    django_setup(args.database)

    from django.db.models import Count

    from prongsai.organizations.models import Organization

    counts = dict(Organization.objects.values_list("kind").annotate(n=Count("pk")))
    print(f"{sum(counts.values()):,} organisations: {counts}")
    sample = sample_organizations(args.sample)
    began = time.perf_counter()
    if "size" not in args.skip:
        measure_size(counts)
    if "pages" not in args.skip:
        measure_pages(sample, args.runs)
    if "jobs" not in args.skip:
        measure_jobs(sample, counts, args.only)
    if "country" not in args.skip:
        measure_country_jobs()
    if "dispatch" not in args.skip:  # last: it leaves the broker connection
        measure_dispatch(args.broker)
    print(f"\n(measured in {time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
