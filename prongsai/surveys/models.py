"""Pulse surveys: IIT (staff, anonymous), EIT (service users) and general
satisfaction surveys, with their rounds, single-use tokens and responses.

Anonymity of the IIT is a property of the tables, not of the code reading
them: the record that a member was sent a link (:class:`SurveyInvitation`)
names the member and the round only; the token (:class:`SurveyToken`) keeps
a hash and the round, never the member; a response (:class:`SurveyResponse`)
has a random UUID key, the date only (no time, no ``created_at``) and no
token, and holds its answers in the same row, so that no sequence of answer
ids orders the responses. Nothing joins a response to a member.
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import ThaiDateField, member_fk, organization_fk
from prongsai.core.models import OrganizationOwned

FISCAL_YEAR_VALIDATORS = [MinValueValidator(2500), MaxValueValidator(2700)]


class Survey(OrganizationOwned):
    """One survey of an organisation: its questions are a copy of the
    fiscal year's IIT or EIT question set (plus custom questions), or only
    custom questions for a satisfaction survey."""

    class Kind(models.TextChoices):
        IIT = "iit", _("IIT pulse (staff, anonymous)")
        EIT = "eit", _("EIT pulse (service users)")
        SATISFACTION = "satisfaction", _("Satisfaction survey")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    organization = organization_fk("surveys")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=FISCAL_YEAR_VALIDATORS,
        help_text=_("Buddhist-era fiscal year, e.g. 2569."),
    )
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    opens_on = ThaiDateField(_("opens on"), null=True, blank=True)
    closes_on = ThaiDateField(_("closes on"), null=True, blank=True)
    questions = models.JSONField(
        _("questions"),
        default=list,
        help_text=_("A copy of the questions when the survey was made."),
    )
    question_year = models.PositiveSmallIntegerField(
        _("question set of fiscal year"), null=True, blank=True
    )
    created_by = member_fk(_("created by"))

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["organization", "-fiscal_year", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_staff_url(self) -> str:
        return reverse(
            "surveys-staff:survey-detail",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )

    def get_public_url(self) -> str:
        return reverse(
            "surveys-public:survey-answer",
            kwargs={"org": self.organization.slug, "pk": self.pk},
        )

    @property
    def is_iit(self) -> bool:
        return self.kind == self.Kind.IIT

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def takes_public_answers(self) -> bool:
        """EIT and satisfaction surveys also take answers without a token."""
        return self.kind != self.Kind.IIT


class SurveyRound(OrganizationOwned):
    """One round of an IIT pulse: every active member gets one link."""

    organization = organization_fk("+")
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="rounds",
    )
    number = models.PositiveSmallIntegerField(pgettext_lazy("number", "round"))
    sent_on = ThaiDateField(_("sent on"))
    invited = models.PositiveIntegerField(_("members invited"), default=0)
    sent_by = member_fk(_("sent by"))

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "number"], name="survey_round_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.number}"


class SurveyInvitation(OrganizationOwned):
    """That a member was sent a link in a round: never which link.

    It keeps one member from getting two links in a round; it carries no
    token and no time beyond the round's date.
    """

    organization = organization_fk("+")
    round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    membership = models.ForeignKey(
        "organizations.Membership",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = None  # type: ignore[assignment]
    updated_at = None  # type: ignore[assignment]

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "membership"], name="survey_invitation_once"
            )
        ]


class SurveyToken(OrganizationOwned):
    """A single-use link: its SHA-256 hash only.

    IIT tokens name their round, never the member. EIT tokens name the
    transaction (``subject``: ``eservices.request:42``), at most one per
    transaction, so that each transaction is answered once.
    """

    organization = organization_fk("+")
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    subject = models.CharField(_("transaction"), max_length=60, blank=True)
    used = models.BooleanField(_("used"), default=False)
    issued_on = ThaiDateField(_("issued on"))
    created_at = None  # type: ignore[assignment]
    updated_at = None  # type: ignore[assignment]

    class Meta:
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "subject"],
                condition=~Q(subject=""),
                name="survey_token_one_per_transaction",
            )
        ]


class SurveyResponse(OrganizationOwned):
    """One person's answers: a random key, the date, and the answers.

    ``answers`` maps a question code to the answer of each bullet
    (``{"i3": [3, 2, 1], "i1": [2]}``, values as in ``surveys.scoring``).
    """

    class Channel(models.TextChoices):
        LINK = "link", _("Personal link")
        PUBLIC = "public", _("Public page or QR code")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = organization_fk("+")
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_on = ThaiDateField(_("answered on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    answers = models.JSONField(_("answers"), default=dict)
    created_at = None  # type: ignore[assignment]
    updated_at = None  # type: ignore[assignment]

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "submitted_on"]

    def __str__(self) -> str:
        return str(self.survey)
