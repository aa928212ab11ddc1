"""Shared set-up of the E-Service benchmarks: a PostgreSQL database of their own."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/prongsai_bench_eservices"


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def django_setup(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["EMAIL_URL"] = "dummymail://"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def bench_site(slug: str):
    """An organisation, an officer and the street-light service, made once."""
    from prongsai.accounts.models import User
    from prongsai.eservices.selectors import starter_template_list
    from prongsai.eservices.services import service_adopt
    from prongsai.organizations.models import Membership, Organization

    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        organization = Organization.objects.create(
            slug=slug,
            kind=Organization.Kind.SAO,
            name="องค์การบริหารส่วนตำบลทดสอบความเร็ว",
            dla_code=str(6900000 + len(slug)),
            province="ขอนแก่น",
            district="อุบลรัตน์",
            subdistrict="บ้านดง",
        )
    officer = User.objects.filter(email=f"service@{slug}.example").first()
    if officer is None:
        officer = User.objects.create_user(
            email=f"service@{slug}.example",
            password="bench",  # noqa: S106 - a throw-away benchmark account
            full_name="เจ้าหน้าที่",
        )
        Membership.objects.create(
            organization=organization, user=officer, roles=["service_officer"]
        )
    service = organization.eservices.filter(code="street-light").first()
    if service is None:
        template = next(
            t for t in starter_template_list() if t["code"] == "street-light"
        )
        service = service_adopt(
            actor=officer, organization=organization, template=template
        )
    return organization, officer, service
