"""Demo of the province and national pages: the LAO directory of the demo's
province (its two organisations and a few not on the platform), a provincial
viewer and a DLA viewer, and the summaries. Runs after every other loader."""

from pathlib import Path

from django.conf import settings

from prongsai.accounts.models import User
from prongsai.accounts.services import user_create
from prongsai.organizations.demo import DEMO_PASSWORD, _ensure_totp
from prongsai.organizations.models import ViewerGrant
from prongsai.organizations.services_regions import (
    directory_import,
    viewer_grant_create,
)

from .summaries import summaries_refresh_all

DIRECTORY = (
    Path(__file__).resolve().parent.parent
    / "organizations"
    / "data"
    / "lao_directory_demo.csv"
)
DEMO_PROVINCE = "ขอนแก่น"
# (e-mail, full name, scope, province)
VIEWERS = (
    (
        "viewer@khonkaen.example",
        "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดขอนแก่น",
        ViewerGrant.Scope.PROVINCE,
        DEMO_PROVINCE,
    ),
    ("viewer@dla.example", "กรมส่งเสริมการปกครองท้องถิ่น", ViewerGrant.Scope.NATIONAL, ""),
)


def _viewer(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(email=email, full_name=full_name, password=DEMO_PASSWORD)
    _ensure_totp(user)
    return user


def load_regions_demo(organizations) -> None:
    directory_import(
        actor=None, content=DIRECTORY.read_bytes(), filename=DIRECTORY.name
    )
    # Viewer accounts with the published password only where demo data is
    # allowed (never on a production install loaded with --force).
    if getattr(settings, "PRONGSAI_DEMO_ALLOWED", False):
        for email, full_name, scope, province in VIEWERS:
            viewer_grant_create(
                actor=None,
                user=_viewer(email, full_name),
                scope=scope,
                province=province,
            )
    summaries_refresh_all()


load_regions_demo.demo_order = 200  # type: ignore[attr-defined]

DEMO_LOADER = load_regions_demo
