"""The choices of complaint cases: channels, kinds, statuses, external bodies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    LINE = "line", _("LINE")
    FACEBOOK = "facebook", _("Facebook Messenger")
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")


STAFF_CHANNELS = (Channel.WALK_IN, Channel.PHONE, Channel.LETTER, Channel.EMAIL)


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")
    CORRUPTION = "corruption", _("Corruption or misconduct report")


PUBLIC_KINDS = (Kind.COMPLAINT, Kind.SUGGESTION, Kind.PRAISE)


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    FORWARDED = "forwarded", _("Forwarded to another agency")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")


OPEN_STATUSES = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.FORWARDED, Status.RESOLVED, Status.REJECTED)


class ExternalBody(models.TextChoices):
    NACC = "nacc", _("National Anti-Corruption Commission (NACC, ป.ป.ช.)")
    PACC = "pacc", _("Public Sector Anti-Corruption Commission (PACC, ป.ป.ท.)")
    DAMRONGDHAM = "damrongdham", _("Damrongdham Centre (ศูนย์ดำรงธรรม)")
    DISTRICT_OFFICE = "district_office", _("District office (ที่ว่าการอำเภอ)")
    PROVINCIAL_OFFICE = "provincial_office", _("Provincial office (ศาลากลางจังหวัด)")
    OTHER = "other", _("Other oversight body")
