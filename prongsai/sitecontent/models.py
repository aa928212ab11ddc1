"""Editable content of an organisation's public site.

Pages, executives, news and laws are edited by the data officer in the back
office; a published item is public from its publish time on. Every change
goes through ``services`` and is written to the audit trail, which is the
item's history.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import member_fk, organization_fk
from prongsai.core.models import OrganizationOwned
from prongsai.core.tenancy import TenantQuerySet


class PublishableQuerySet(TenantQuerySet):
    def published(self, *, now=None):
        now = now or timezone.now()
        return self.filter(status=Publishable.Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        )


class SiteContent(OrganizationOwned):
    """Abstract: a record of one organisation's public site."""

    organization = organization_fk("+")

    class Meta:
        abstract = True


class Publishable(SiteContent):
    """Draft or published, with an optional publish time (scheduling)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at once when the status is published."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )


class Page(Publishable):
    """A fixed page of the public site (structure and duties, contacts)."""

    class Key(models.TextChoices):
        STRUCTURE = "structure", _("Structure and duties")
        CONTACTS = "contacts", _("Contacts")

    key = models.CharField(_("page"), max_length=20, choices=Key.choices)
    title = models.CharField(_("heading"), max_length=200)
    title_en = models.CharField(_("heading in English"), max_length=200, blank=True)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    body_en = models.TextField(
        _("text in English"),
        blank=True,
        help_text=_("Shown to visitors who chose English; the Thai text otherwise."),
    )
    image = models.ImageField(
        _("image"),
        upload_to="site/pages/",
        blank=True,
        help_text=_("For the structure page: the organisation chart."),
    )
    link = models.URLField(
        _("link"),
        blank=True,
        help_text=_("For the contacts page: a map of the office."),
    )

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"], name="sitecontent_page_one_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Executive(SiteContent):
    """An executive shown on the public executives page."""

    class Side(models.TextChoices):
        POLITICAL = "political", _("Political side")
        PERMANENT = "permanent", _("Permanent side")

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    full_name_en = models.CharField(
        _("full name in English"), max_length=200, blank=True
    )
    position_en = models.CharField(_("position in English"), max_length=200, blank=True)
    side = models.CharField(
        _("side"), max_length=10, choices=Side.choices, default=Side.POLITICAL
    )
    photo = models.ImageField(_("photo"), upload_to="site/executives/", blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    is_published = models.BooleanField(_("shown on the site"), default=True)

    class Meta:
        verbose_name = _("executive")
        verbose_name_plural = _("executives")
        # "political" sorts after "permanent": the political side comes first.
        ordering = ["-side", "order", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_complete(self) -> bool:
        return bool(
            self.full_name
            and self.position
            and self.photo
            and (self.phone or self.email)
        )


class NewsItem(Publishable):
    class Category(models.TextChoices):
        NEWS = "news", _("News")
        ANNOUNCEMENT = "announcement", _("Announcement")
        ACTIVITY = "activity", _("Activity")
        PROCUREMENT = "procurement", _("Procurement announcement")

    title = models.CharField(_("heading"), max_length=300)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.NEWS
    )
    body = models.TextField(_("text"))
    title_en = models.CharField(_("heading in English"), max_length=300, blank=True)
    body_en = models.TextField(
        _("text in English"),
        blank=True,
        help_text=_("Shown to visitors who chose English; the Thai text otherwise."),
    )
    attachment = models.FileField(_("attachment"), upload_to="site/news/", blank=True)
    event_at = models.DateTimeField(
        _("event date and time"),
        null=True,
        blank=True,
        help_text=_(
            "For an event (a meeting, a campaign, a public hearing): it is listed "
            "under upcoming events on the home page until it has passed."
        ),
    )
    event_place = models.CharField(_("event place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-publish_at", "-created_at"]
        indexes = [models.Index(fields=["organization", "status", "-publish_at"])]

    def __str__(self) -> str:
        return self.title


class Law(Publishable):
    class Category(models.TextChoices):
        ACT = "act", _("Act")
        REGULATION = "regulation", _("Regulation")
        ORDINANCE = "ordinance", _("Local ordinance")
        OTHER = "other", _("Other")

    title = models.CharField(_("heading"), max_length=300)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.ACT
    )
    summary = models.TextField(_("summary"), blank=True)
    title_en = models.CharField(_("heading in English"), max_length=300, blank=True)
    url = models.URLField(_("link to the text"), blank=True)
    attachment = models.FileField(_("file"), upload_to="site/laws/", blank=True)

    class Meta:
        verbose_name = _("law or regulation")
        verbose_name_plural = _("laws and regulations")
        ordering = ["category", "title"]

    def __str__(self) -> str:
        return self.title


class Inquiry(SiteContent):
    """A question asked through the public inquiry channel.

    The contact detail is private (for a reply by other means); only the
    question and the answer are shown once the data officer answers it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered in public")
        REJECTED = "rejected", _("Not published")

    name = models.CharField(_("name shown"), max_length=100, blank=True)
    contact = models.CharField(_("contact (not published)"), max_length=200, blank=True)
    question = models.TextField(_("question"), max_length=2000)
    answer = models.TextField(_("answer"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    answered_by = member_fk(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.question[:60]
