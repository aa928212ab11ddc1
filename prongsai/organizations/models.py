"""Organisations (LAOs), their members and invitations."""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.accounts.models import phone_validator
from prongsai.core.fields import EncryptedTextField
from prongsai.core.model_fields import ThaiDateField, member_fk
from prongsai.core.models import BaseModel, OrganizationOwned, OrganizationSettings
from prongsai.core.tenancy import TenantQuerySet

from .roles import ROLE_VALUES, Role

# Path segments the site uses itself; an organisation slug may not take them.
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "admin",
        "api",
        "healthz",
        "i18n",
        "invitations",
        "media",
        "platform-admin",
        "region",
        "staff",
        "static",
        "robots.txt",
        "favicon.ico",
    }
)

dla_code_validator = RegexValidator(
    r"^[0-9]{5,10}$", _("The DLA code is 5 to 10 digits.")
)
host_name_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a host name such as www.example.go.th, without http:// or a path."),
)


def validate_slug_not_reserved(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is reserved by the system; choose another."),
            params={"value": value},
        )


class HostVerification(models.TextChoices):
    DNS = "dns", _("DNS TXT record")
    FILE = "file", _("file on the web site")
    OPERATOR = "operator", _("platform operator")
    MIGRATION = "migration", _("kept from before verification existed")


class OrganizationQuerySet(models.QuerySet):
    def active(self, on=None):
        """Organisations in existence on a date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(is_active=True, valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class Organization(BaseModel):
    """A local administrative organisation (อปท.) served by this install."""

    class Kind(models.TextChoices):
        SAO = "sao", _("Subdistrict Administrative Organization")
        SUBDISTRICT_MUNICIPALITY = "tambon_municipality", _("Subdistrict Municipality")
        TOWN_MUNICIPALITY = "town_municipality", _("Town Municipality")
        CITY_MUNICIPALITY = "city_municipality", _("City Municipality")
        PAO = "pao", _("Provincial Administrative Organization")

    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The official Thai name, e.g. องค์การบริหารส่วนตำบลบ้านดง."),
    )
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    dla_code = models.CharField(
        _("DLA code"),
        max_length=10,
        unique=True,
        validators=[dla_code_validator],
        help_text=_(
            "The organisation code issued by the Department of Local Administration."
        ),
    )
    slug = models.SlugField(
        _("URL name"),
        max_length=60,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Lower-case letters, digits and hyphens, used in the web address."),
    )
    host_name = models.CharField(
        _("own host name"),
        max_length=253,
        blank=True,
        validators=[host_name_validator],
        help_text=_(
            "Optional, e.g. www.bandong.go.th, pointing at this install. Only a "
            "verified host name is served."
        ),
    )
    host_verified_at = models.DateTimeField(
        _("host name verified at"), null=True, blank=True, editable=False
    )
    host_verified_by = models.CharField(
        _("host name verified by"),
        max_length=20,
        choices=HostVerification.choices,
        blank=True,
        editable=False,
    )
    pending_host_name = models.CharField(
        _("requested host name"),
        max_length=253,
        blank=True,
        validators=[host_name_validator],
        help_text=_("Served only once verified by DNS, by a file or by the operator."),
    )
    host_token = models.CharField(
        _("host name verification token"), max_length=64, blank=True, editable=False
    )
    host_requested_at = models.DateTimeField(
        _("host name requested at"), null=True, blank=True, editable=False
    )
    province = models.CharField(_("province"), max_length=100)
    district = models.CharField(_("district"), max_length=100)
    subdistrict = models.CharField(_("subdistrict"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(
        _("postcode"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("The postcode is 5 digits."))],
    )
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    fax = models.CharField(
        _("fax"), max_length=20, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    line_id = models.CharField(
        _("LINE Official Account ID"), max_length=100, blank=True
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    logo = models.ImageField(_("logo"), upload_to="organizations/logos/", blank=True)
    hotline = models.CharField(
        _("hotline"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9+\-\s()]{4,20}$",
                _("Enter a phone number of digits, optionally with +, - or spaces."),
            )
        ],
        help_text=_(
            "Shown large on the home page (a short number such as 1132 is fine); "
            "the phone number when empty."
        ),
    )
    banner = models.ImageField(
        _("banner photo"),
        upload_to="organizations/banners/",
        blank=True,
        help_text=_(
            "A wide photo of the area or the office for the top of the home page; "
            "cropped to 8:3."
        ),
    )
    brand_colour = models.CharField(
        _("colour of the site"),
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$",
                _("Give the colour as # and six hexadecimal digits, e.g. #1d4f91."),
            )
        ],
        help_text=_(
            "The organisation's colour, e.g. #1d4f91. Text and links are darkened "
            "where needed so they stay readable."
        ),
    )
    line_qr = models.ImageField(
        _("LINE Official Account QR code"),
        upload_to="organizations/line/",
        blank=True,
    )
    valid_from = ThaiDateField(_("in existence from"), default=timezone.localdate)
    valid_to = ThaiDateField(_("in existence until"), null=True, blank=True)
    is_active = models.BooleanField(_("active on this install"), default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["province", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("host_name"),
                condition=~Q(host_name=""),
                name="organization_unique_host_name_ci",
                violation_error_message=_(
                    "This host name is already used by another organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organization_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        self.host_name = (self.host_name or "").strip().lower().rstrip(".")
        self.pending_host_name = (
            (self.pending_host_name or "").strip().lower().rstrip(".")
        )
        self.slug = (self.slug or "").strip().lower()

    def get_absolute_url(self) -> str:
        return reverse("portal-public:home", kwargs={"org": self.slug})

    def get_staff_url(self) -> str:
        return reverse("organizations-staff:dashboard", kwargs={"org": self.slug})

    @property
    def line_url(self) -> str:
        """The link that adds the LINE Official Account as a friend."""
        if not self.line_id:
            return ""
        return "https://line.me/R/ti/p/" + quote(self.line_id.strip(), safe="@")

    @property
    def public_hotline(self) -> str:
        return self.hotline or self.phone


def validate_roles(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one role."))
    unknown = [v for v in value if v not in ROLE_VALUES]
    if unknown:
        raise ValidationError(
            _("Unknown role: %(roles)s."),
            params={"roles": ", ".join(map(str, unknown))},
        )


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class Membership(BaseModel):
    """A person's place in one organisation, with one or more roles.

    Deliberately not :class:`OrganizationOwned`: a user's memberships across
    organisations is what it answers (the staff home, the back-office gate,
    "which roles does this person hold anywhere").
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    roles = models.JSONField(_("roles"), default=list, validators=[validate_roles])
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_("For example ปลัด อบต. or นักวิชาการพัสดุ."),
    )
    unit = models.CharField(
        _("unit"), max_length=200, blank=True, help_text=_("For example กองคลัง.")
    )
    is_unit_head = models.BooleanField(
        _("head of the unit"),
        default=False,
        help_text=_(
            "Told when a citizen is not satisfied with a matter of this unit "
            "and it is reopened."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    line_user_id = models.CharField(
        _("LINE user id"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "Set when the member links their LINE account; reminders are then "
            "also pushed by LINE."
        ),
    )
    line_linked_at = models.DateTimeField(
        _("LINE linked at"), null=True, blank=True, editable=False
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="membership_unique_user_per_org"
            ),
            models.UniqueConstraint(
                fields=["organization", "line_user_id"],
                condition=~Q(line_user_id=""),
                name="membership_unique_line_user_per_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"

    @property
    def line_linked(self) -> bool:
        return bool(self.line_user_id)

    def has_role(self, *roles: str) -> bool:
        return self.is_active and any(r in self.roles for r in roles)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in Role.values if r in self.roles]


class LineLinkCode(OrganizationOwned):
    """A one-time code that links a member's LINE account to their membership.

    Only a keyed hash of the code is stored (the hash also binds it to the
    organisation); it works once, for a short time.
    """

    tenant_path = "membership__organization"

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="line_link_codes",
    )
    code_hash = models.CharField(max_length=64, db_index=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("LINE link code")
        verbose_name_plural = _("LINE link codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.membership} ({self.expires_at:%Y-%m-%d %H:%M})"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class Invitation(OrganizationOwned):
    """An invitation to join an organisation; accepted once, before it expires."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    title = models.CharField(_("title"), max_length=50, blank=True)
    full_name = models.CharField(_("full name"), max_length=200)
    roles = models.JSONField(_("roles"), default=list, validators=[validate_roles])
    position = models.CharField(_("position"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    nonce = models.CharField(max_length=64, editable=False)
    invited_by = member_fk(_("invited by"))
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = member_fk(_("accepted by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def status_label(self) -> str:
        if self.accepted_at:
            return str(_("Accepted"))
        if self.revoked_at:
            return str(_("Revoked"))
        if self.expires_at <= timezone.now():
            return str(_("Expired"))
        return str(_("Pending"))


class RoleGrantQuerySet(TenantQuerySet):
    def pending(self):
        return self.filter(activated_at__isnull=True, cancelled_at__isnull=True)

    def in_force(self):
        return self.filter(activated_at__isnull=False, ended_at__isnull=True)


class RoleGrant(OrganizationOwned):
    """A request to give a member a role that reads confidential reports.

    The role is added to the membership only once the grant is active: when an
    executive who is neither the requester nor the grantee confirms it, or by
    itself ``activates_at`` (24 hours after the request), while every
    integrity officer and executive has been told and may cancel it.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    requested_by = member_fk(_("requested by"))
    requested_at = models.DateTimeField(_("requested at"))
    activates_at = models.DateTimeField(_("takes effect without confirmation at"))
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_by = member_fk(_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    activated_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    cancelled_by = member_fk(_("cancelled by"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("confidential role grant")
        verbose_name_plural = _("confidential role grants")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "role"],
                condition=Q(activated_at__isnull=True, cancelled_at__isnull=True),
                # Also the partial index of the ten-minute activation job,
                # which reads only the pending grants.
                name="rolegrant_one_pending_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} ({self.role})"

    @property
    def is_pending(self) -> bool:
        return self.activated_at is None and self.cancelled_at is None

    @property
    def status_label(self) -> str:
        if self.cancelled_at:
            return str(_("Cancelled"))
        if self.ended_at:
            return str(_("Ended"))
        if self.activated_at:
            return str(_("In force"))
        return str(_("Waiting for confirmation"))


class ChannelSettings(OrganizationSettings):
    """The organisation's LINE and Facebook channels, used by every app.

    The LINE Messaging API channel (complaint chat, pushes to citizens and
    members), the Facebook page (Messenger complaints) and the LINE Login
    channel (citizens following E-Service requests). Secrets are encrypted at
    rest and never shown back in the back office.
    """

    organization = models.OneToOneField(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="channel_settings",
    )
    line_channel_secret = EncryptedTextField(_("LINE channel secret"), blank=True)
    line_access_token = EncryptedTextField(_("LINE channel access token"), blank=True)
    facebook_app_secret = EncryptedTextField(_("Facebook app secret"), blank=True)
    facebook_page_token = EncryptedTextField(
        _("Facebook page access token"), blank=True
    )
    facebook_verify_token = EncryptedTextField(
        _("Facebook webhook verify token"), blank=True
    )
    line_login_channel_id = models.CharField(
        _("LINE Login channel ID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9]+$", _("The channel ID is digits only."))],
        help_text=_(
            "From the LINE Developers console. The LINE Login channel must be under "
            "the same provider as the Messaging API channel, so that a citizen's "
            "LINE user id is the same in both."
        ),
    )
    line_login_channel_secret = EncryptedTextField(
        _("LINE Login channel secret"), blank=True
    )

    class Meta:
        verbose_name = _("LINE and Facebook channels")
        verbose_name_plural = _("LINE and Facebook channels")

    @property
    def line_configured(self) -> bool:
        return bool(self.line_channel_secret and self.line_access_token)

    @property
    def facebook_configured(self) -> bool:
        return bool(self.facebook_app_secret and self.facebook_verify_token)

    @property
    def line_login_configured(self) -> bool:
        return bool(self.line_login_channel_id and self.line_login_channel_secret)


# Kept in its own module (size); imported here so that Django finds it.
from .models_personal_data import DataSubjectRequest  # noqa: E402, F401
from .models_regions import (  # noqa: E402, F401
    DirectoryEntry,
    ProvinceSummary,
    RegionSummary,
    ViewerGrant,
)
