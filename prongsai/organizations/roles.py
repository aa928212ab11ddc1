"""Roles a member may hold in an organisation (several at once)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organization administrator")
    EXECUTIVE = "executive", _("Executive")
    ITA_COORDINATOR = "ita_coordinator", _("ITA coordinator")
    DATA_OFFICER = "data_officer", _("Data officer")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    SERVICE_OFFICER = "service_officer", _("Service officer")
    COMPLAINT_OFFICER = "complaint_officer", _("Complaint officer")
    INTEGRITY_OFFICER = "integrity_officer", _("Integrity officer")
    HR_OFFICER = "hr_officer", _("HR officer")
    PLANNING_OFFICER = "planning_officer", _("Policy and planning officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    STAFF = "staff", _("Staff")


ROLE_VALUES = frozenset(Role.values)

#: Roles that read confidential reports: granting one needs a second person
#: (``services_role_grants``); taking one away is immediate.
CONFIDENTIAL_ROLES = frozenset({Role.INTEGRITY_OFFICER.value})
