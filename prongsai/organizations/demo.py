"""Demo organisations and staff for ``prongsai load_demo``.

Later apps add their own demo records with a loader declared as
``DEMO_LOADER`` in their ``demo.py``; ``OrganizationsConfig.ready()`` collects
them into ``DEMO_LOADERS`` (:func:`discover_demo_loaders`). Loaders are called
with the organisations in ``INSTALLED_APPS`` order; a loader with a
``demo_order`` attribute above 0 runs after the others, e.g. one that gathers
what the others made.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction

from prongsai.accounts.models import User
from prongsai.accounts.services import user_create
from prongsai.core.plugins import discover

from .models import Membership, Organization, RoleGrant
from .roles import Role
from .services import membership_create, organization_create
from .services_role_grants import role_grant_confirm

DEMO_PASSWORD = "prongsai-demo"  # noqa: S105 - published demo credential
DEMO_EMAIL_DOMAIN = ".example"  # reserved TLD (RFC 2606): never a real mailbox
MFA_ROLES = {Role.ORG_ADMIN, Role.EXECUTIVE, Role.INTEGRITY_OFFICER}

ORGANIZATIONS: list[dict[str, Any]] = [
    {
        "slug": "bandong",
        "kind": Organization.Kind.SAO,
        "name": "องค์การบริหารส่วนตำบลบ้านดง",
        "name_en": "Ban Dong Subdistrict Administrative Organization",
        "dla_code": "6400108",
        "province": "ขอนแก่น",
        "district": "อุบลรัตน์",
        "subdistrict": "บ้านดง",
        "address": "99 หมู่ที่ 5 ตำบลบ้านดง อำเภออุบลรัตน์ จังหวัดขอนแก่น",
        "postcode": "40250",
        "phone": "043-000-111",
        "fax": "043-000-112",
        "email": "saraban@bandong.example",
        "line_id": "@bandong",
        "facebook_url": "https://www.facebook.com/bandong.example",
        "office_hours": "จันทร์–ศุกร์ 08:30–16:30 น. (เว้นวันหยุดราชการ)",
    },
    {
        "slug": "nongbua",
        "kind": Organization.Kind.SUBDISTRICT_MUNICIPALITY,
        "name": "เทศบาลตำบลหนองบัว",
        "name_en": "Nong Bua Subdistrict Municipality",
        "dla_code": "5300412",
        "province": "ขอนแก่น",
        "district": "บ้านฝาง",
        "subdistrict": "หนองบัว",
        "address": "1 ถนนเทศบาล 2 ตำบลหนองบัว อำเภอบ้านฝาง จังหวัดขอนแก่น",
        "postcode": "40270",
        "phone": "042-000-222",
        "email": "contact@nongbua.example",
        "line_id": "@nongbua",
        "office_hours": "จันทร์–ศุกร์ 08:30–16:30 น.",
    },
]

# (local part, title, full name, position, unit, roles)
STAFF = [
    ("admin", "นาย", "สมชาย ใจดี", "นักวิชาการคอมพิวเตอร์", "สำนักปลัด", [Role.ORG_ADMIN]),
    ("mayor", "นาย", "ประเสริฐ ศรีสุข", "นายก", "", [Role.EXECUTIVE]),
    ("palad", "นาง", "วิไลวรรณ ทองคำ", "ปลัด", "สำนักปลัด", [Role.EXECUTIVE]),
    (
        "ita",
        "นางสาว",
        "สุภาพร แก้วมณี",
        "นักวิเคราะห์นโยบายและแผน",
        "สำนักปลัด",
        [Role.ITA_COORDINATOR],
    ),
    ("data", "นาย", "ธนากร พรหมมา", "นักประชาสัมพันธ์", "สำนักปลัด", [Role.DATA_OFFICER]),
    (
        "procurement",
        "นาง",
        "จันทร์เพ็ญ บุญมา",
        "เจ้าพนักงานพัสดุ",
        "กองคลัง",
        [Role.PROCUREMENT_OFFICER],
    ),
    ("service", "นาย", "อนุชา มั่นคง", "เจ้าพนักงานธุรการ", "กองช่าง", [Role.SERVICE_OFFICER]),
    (
        "complaint",
        "นางสาว",
        "ปิยะนุช รุ่งเรือง",
        "นิติกร",
        "สำนักปลัด",
        [Role.COMPLAINT_OFFICER],
    ),
    ("integrity", "นาย", "วีระพงษ์ สุจริต", "นิติกร", "สำนักปลัด", [Role.INTEGRITY_OFFICER]),
    ("hr", "นาง", "สุดารัตน์ ใจดี", "นักทรัพยากรบุคคล", "สำนักปลัด", [Role.HR_OFFICER]),
    (
        "planning",
        "นาย",
        "ธนพล วางแผน",
        "นักวิเคราะห์นโยบายและแผน",
        "สำนักปลัด",
        [Role.PLANNING_OFFICER],
    ),
    (
        "finance",
        "นางสาว",
        "รัตนา เงินดี",
        "นักวิชาการเงินและบัญชี",
        "กองคลัง",
        [Role.FINANCE_OFFICER],
    ),
    ("staff", "นางสาว", "กาญจนา ศรีวงศ์", "เจ้าพนักงานธุรการ", "กองการศึกษา", [Role.STAFF]),
]

# Fixed TOTP secrets so that `prongsai demo_totp` can print the current codes.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - published


@dataclass
class DemoLogin:
    organization: str
    email: str
    roles: list[str]
    mfa: bool
    # Set when the account got a random password in this run (shown once).
    password: str = ""
    totp_secret: str = ""


DEMO_LOADERS: list = []


def discover_demo_loaders() -> list:
    """Collect the ``DEMO_LOADER`` of every installed app's ``demo.py``
    into ``DEMO_LOADERS``; returns them."""
    found = [loader for _app, loader in discover("demo", "DEMO_LOADER")]
    for loader in found:
        if loader not in DEMO_LOADERS:
            DEMO_LOADERS.append(loader)
    return found


def demo_email(local: str, slug: str) -> str:
    return f"{local}@{slug}{DEMO_EMAIL_DOMAIN}"


@transaction.atomic
def load_demo(
    *, random_passwords: bool = False
) -> tuple[list[Organization], list[DemoLogin]]:
    """Create (or complete) the demo organisations, staff and records.

    With ``random_passwords`` (a demo on a production install) no account
    keeps the published password or TOTP secret: new accounts, and existing
    demo accounts that still have the published password, get random ones,
    returned once in the logins.
    """
    organizations = []
    logins: list[DemoLogin] = []
    superuser = User.objects.filter(email="platform@prongsai.example").first()
    if superuser is None:
        superuser = User.objects.create_superuser(
            email="platform@prongsai.example",
            password=DEMO_PASSWORD,
            full_name="ผู้ดูแลระบบแพลตฟอร์ม",
        )
    login = DemoLogin("—", superuser.email, ["platform superuser"], True)
    _secure(superuser, login, random_passwords)
    logins.append(login)
    for data in ORGANIZATIONS:
        organization = Organization.objects.filter(slug=data["slug"]).first()
        if organization is None:
            organization = organization_create(actor=superuser, **data)
        organizations.append(organization)
        for local, title, name, position, unit, roles in STAFF:
            email = demo_email(local, organization.slug)
            user = User.objects.filter(email=email).first()
            if user is None:
                user = user_create(
                    email=email,
                    full_name=name,
                    title=title,
                    password=DEMO_PASSWORD,
                    actor=superuser,
                    organization=organization,
                )
            if not Membership.objects.filter(
                organization=organization, user=user
            ).exists():
                membership_create(
                    actor=superuser,
                    organization=organization,
                    user=user,
                    roles=roles,
                    position=position,
                    unit=unit,
                )
            needs_mfa = bool(MFA_ROLES.intersection(roles))
            login = DemoLogin(
                organization.slug, email, [str(r) for r in roles], needs_mfa
            )
            _secure(user, login, random_passwords)
            logins.append(login)
        _confirm_demo_grants(organization)
    for loader in sorted(DEMO_LOADERS, key=lambda f: getattr(f, "demo_order", 0)):
        loader(organizations)
    return organizations, logins


def _confirm_demo_grants(organization: Organization) -> None:
    """The demo integrity officer's role was asked for by the platform
    superuser; the demo mayor confirms it (the two-person rule)."""
    mayor = User.objects.filter(email=demo_email("mayor", organization.slug)).first()
    if mayor is None:
        return
    for grant in RoleGrant.objects.pending().filter(organization=organization):
        role_grant_confirm(actor=mayor, grant=grant)


def _secure(user: User, login: DemoLogin, random_passwords: bool) -> None:
    """Give ``user`` the demo TOTP, or random secrets on a production install."""
    if random_passwords and user.check_password(DEMO_PASSWORD):
        login.password = secrets.token_urlsafe(12)
        user.set_password(login.password)
        user.save(update_fields=["password"])
    if not login.mfa:
        return
    if random_passwords:
        known = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        if any(_totp_secret(a) == DEMO_TOTP_SECRET for a in known):
            known.delete()
        if not known.exists():
            login.totp_secret = generate_totp_secret()
            TOTP.activate(user, login.totp_secret)
        return
    _ensure_totp(user)


def _totp_secret(authenticator: Authenticator) -> str:
    from allauth.mfa.utils import decrypt

    return decrypt(authenticator.data["secret"])


def _ensure_totp(user: User) -> None:
    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
