"""Back-office views of an organisation: dashboard, members, settings, audit."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.errors import DomainError
from prongsai.core.forms import error_text, handle_form, run_action
from prongsai.core.selectors import audit_action_choices, audit_event_list

from . import hosts, services, services_channels, services_hosts
from .decorators import org_staff_view
from .forms import (
    AuditFilterForm,
    ChannelSettingsForm,
    HostNameForm,
    InvitationAcceptForm,
    InvitationForm,
    MembershipForm,
    OrganizationForm,
)
from .models import Organization
from .permissions import (
    audit_actions_readable,
    can_edit_organization,
    can_manage_channels,
    can_manage_members,
    can_read_audit_log,
    can_view_audit_log,
)
from .roles import Role
from .selectors import (
    access_invitation,
    access_invitation_by_token,
    access_membership,
    channel_settings_get,
    invitation_list_pending,
    membership_list,
    membership_list_for_user,
)
from .selectors_regions import user_is_viewer
from .selectors_role_grants import role_grant_list_pending_for
from .views_staff_role_grants import confidential_access_context


@login_required
def staff_home(request):
    """Where staff land after signing in: their organisation, or a choice."""
    memberships = list(membership_list_for_user(user=request.user))
    viewer = user_is_viewer(user=request.user)
    if len(memberships) == 1 and not request.user.is_superuser and not viewer:
        return redirect(memberships[0].organization.get_staff_url())
    if not memberships and viewer and not request.user.is_superuser:
        # Provincial offices and the DLA read their organisations there.
        return redirect("region:home")
    return render(
        request,
        "organizations/staff_home.html",
        {"memberships": memberships, "viewer": viewer},
    )


def _desk_roles(membership) -> tuple[bool, bool]:
    """(opens the executive's desk, lands on it): the desk is the portal's
    page for executives, ITA coordinators and administrators; executives who
    do not also administer the organisation start there."""
    if membership is None:
        return False, False
    opens = membership.has_role(Role.EXECUTIVE, Role.ITA_COORDINATOR, Role.ORG_ADMIN)
    lands = membership.has_role(Role.EXECUTIVE) and not membership.has_role(
        Role.ORG_ADMIN
    )
    return opens, lands


@org_staff_view()
def dashboard(request, organization):
    opens_desk, lands_on_desk = _desk_roles(request.membership)
    desk_url = reverse("portal-desk:desk", kwargs={"org": organization.slug})
    if lands_on_desk and "overview" not in request.GET:
        return redirect(desk_url)
    members = membership_list(organization=organization)
    today = timezone.localdate()
    fiscal_year = thai_dates.fiscal_year(today)
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    context = {
        "organization": organization,
        "today": today,
        "fiscal_year_label": thai_dates.fiscal_year_label(fiscal_year),
        "fiscal_year_start": start,
        "fiscal_year_end": end,
        "member_count": members.count(),
        "pending_invitations": invitation_list_pending(
            organization=organization
        ).count(),
        "can_manage_members": can_manage_members(request.user, request.membership),
        "can_view_audit_log": can_view_audit_log(request.user, request.membership),
        "can_edit_organization": can_edit_organization(
            request.user, request.membership
        ),
        "desk_url": desk_url if opens_desk or request.user.is_superuser else "",
        "recent_events": audit_event_list(organization=organization)[:5]
        if can_view_audit_log(request.user, request.membership)
        else [],
    }
    return render(request, "organizations/dashboard.html", context)


@org_staff_view(can_manage_members)
def member_list(request, organization):
    return render(
        request,
        "organizations/member_list.html",
        {
            "organization": organization,
            "members": membership_list(organization=organization),
            "invitations": invitation_list_pending(organization=organization),
            **confidential_access_context(request, organization),
        },
    )


def _member_list_url(organization) -> str:
    return reverse("organizations-staff:member-list", kwargs={"org": organization.slug})


@org_staff_view(can_manage_members)
def member_invite(request, organization):
    form = InvitationForm(request.POST or None)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.invitation_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=lambda invitation: (
            _("An invitation has been sent to %(email)s.") % {"email": invitation.email}
        ),
        redirect_to=_member_list_url(organization),
    ):
        return response
    return render(
        request,
        "organizations/member_invite.html",
        {"organization": organization, "form": form},
    )


@org_staff_view(can_manage_members)
def member_edit(request, organization, pk):
    membership = access_membership(organization=organization, pk=pk)
    initial = {
        "roles": membership.roles,
        "position": membership.position,
        "unit": membership.unit,
        "is_unit_head": membership.is_unit_head,
    }
    form = MembershipForm(request.POST or None, initial=initial)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.membership_update(
            actor=request.user, membership=membership, **data
        ),
        success_message=lambda saved: _roles_saved_message(saved),
        redirect_to=_member_list_url(organization),
    ):
        return response
    return render(
        request,
        "organizations/member_edit.html",
        {"organization": organization, "membership": membership, "form": form},
    )


def _roles_saved_message(membership) -> str:
    message = _("The roles of %(name)s were saved.") % {
        "name": membership.user.display_name
    }
    if role_grant_list_pending_for(membership=membership):
        message += " " + _(
            "Reading confidential reports waits for an executive's confirmation "
            "or takes effect in 24 hours."
        )
    return message


def _member_list_action(request, organization, action, success_message):
    """Run a one-click action from the member list and report how it went."""
    return run_action(
        request,
        action,
        success_message=success_message,
        redirect_to=_member_list_url(organization),
    )


@require_POST
@org_staff_view(can_manage_members)
def member_deactivate(request, organization, pk):
    membership = access_membership(organization=organization, pk=pk)
    return _member_list_action(
        request,
        organization,
        lambda: services.membership_deactivate(
            actor=request.user, membership=membership
        ),
        _("%(name)s no longer has access to this organisation.")
        % {"name": membership.user.display_name},
    )


def _invitation_action(request, organization, pk, service, message: str):
    """Resend or withdraw an invitation from the member list."""
    invitation = access_invitation(organization=organization, pk=pk)
    return _member_list_action(
        request,
        organization,
        lambda: service(actor=request.user, invitation=invitation),
        message % {"email": invitation.email},
    )


@require_POST
@org_staff_view(can_manage_members)
def invitation_resend(request, organization, pk):
    message = _("The invitation to %(email)s was sent again.")
    return _invitation_action(
        request, organization, pk, services.invitation_resend, message
    )


@require_POST
@org_staff_view(can_manage_members)
def invitation_revoke(request, organization, pk):
    message = _("The invitation to %(email)s was withdrawn.")
    return _invitation_action(
        request, organization, pk, services.invitation_revoke, message
    )


@org_staff_view()
def my_line(request, organization):
    """The member's own LINE link: make a one-time code, or unlink."""
    membership = request.membership
    code = expires_at = None
    action = request.POST.get("action")
    if request.method == "POST" and membership is not None and action == "unlink":
        return run_action(
            request,
            lambda: services_channels.membership_line_unlink(
                actor=request.user, membership=membership
            ),
            success_message=_("Your LINE account is no longer linked."),
            redirect_to=request.path,
        )
    if request.method == "POST" and membership is not None and action == "code":
        # The code is shown once on this answer and never stored, so this
        # action renders the page instead of redirecting like run_action.
        try:
            code, expires_at = services_channels.membership_line_code_issue(
                actor=request.user, membership=membership
            )
        except DomainError as error:
            messages.error(request, error_text(error))
        membership.refresh_from_db()
    return render(
        request,
        "organizations/my_line.html",
        {
            "organization": organization,
            "membership": membership,
            "code": code,
            "expires_at": expires_at,
            "valid_minutes": services_channels.LINE_CODE_VALID_MINUTES,
        },
    )


@org_staff_view(can_edit_organization)
def organization_settings(request, organization):
    # The form works on its own copy: a ModelForm writes cleaned values onto its
    # instance, and the service must see the saved values to audit the change.
    form = OrganizationForm(
        request.POST or None,
        request.FILES or None,
        instance=Organization.objects.get(pk=organization.pk),
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.organization_update(
            actor=request.user,
            organization=organization,
            data={f: data[f] for f in form.changed_data},
        ),
        success_message=_("The organisation's details were saved."),
        redirect_to=_settings_url(organization),
    ):
        return response
    return _settings_page(request, organization, form=form)


def _settings_url(organization) -> str:
    return reverse("organizations-staff:settings", kwargs={"org": organization.slug})


def _settings_page(request, organization, *, form=None, host_form=None):
    organization = Organization.objects.get(pk=organization.pk)
    if form is None:
        form = OrganizationForm(instance=organization)
    if host_form is None:
        host_form = HostNameForm(
            initial={
                "host_name": organization.pending_host_name or organization.host_name
            }
        )
    pending = organization.pending_host_name
    return render(
        request,
        "organizations/organization_settings.html",
        {
            "organization": organization,
            "form": form,
            "host_form": host_form,
            "dns_record": hosts.dns_record_name(pending) if pending else "",
            "file_url": ("https://" + pending + hosts.WELL_KNOWN_PATH)
            if pending
            else "",
        },
    )


@org_staff_view(can_manage_channels)
def channel_settings(request, organization):
    """The organisation's LINE and Facebook channels, for every app."""
    current = channel_settings_get(organization=organization)
    form = ChannelSettingsForm(
        request.POST or None,
        initial={"line_login_channel_id": current.line_login_channel_id},
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_channels.channel_settings_update(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The channel settings were saved."),
        redirect_to=request.path,
    ):
        return response
    base = django_settings.PRONGSAI_BASE_URL.rstrip("/")
    return render(
        request,
        "organizations/channel_settings.html",
        {
            "organization": organization,
            "form": form,
            "current": current,
            "line_webhook": base
            + reverse("line-webhook", kwargs={"org": organization.slug}),
            "facebook_webhook": base
            + reverse("facebook-webhook", kwargs={"org": organization.slug}),
            "line_callback_url": request.build_absolute_uri(
                reverse(
                    "eservices-public:line-callback", kwargs={"org": organization.slug}
                )
            ),
        },
    )


@require_POST
@org_staff_view(can_edit_organization)
def host_request(request, organization):
    """Ask for an own host name; it is served only once verified."""
    form = HostNameForm(request.POST)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_hosts.organization_host_request(
            actor=request.user, organization=organization, host_name=data["host_name"]
        ),
        success_message=_(
            "Saved. A new host name is served only after it is verified; "
            "follow the steps below."
        ),
        redirect_to=_settings_url(organization),
    ):
        return response
    return _settings_page(request, organization, host_form=form)


@require_POST
@org_staff_view(can_edit_organization)
def host_verify(request, organization):
    """Check DNS and the web site for the verification token now."""
    return run_action(
        request,
        lambda: services_hosts.organization_host_verify(
            actor=request.user, organization=organization
        ),
        success_message=_("The host name was verified and is now served."),
        redirect_to=_settings_url(organization),
    )


@org_staff_view(can_read_audit_log)
def audit_list(request, organization):
    only_actions = audit_actions_readable(request.user, request.membership)
    form = AuditFilterForm(
        request.GET or None,
        actions=audit_action_choices(
            organization=organization, only_actions=only_actions
        ),
        actors=membership_list(organization=organization),
    )
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "query": data.get("q") or "",
            "action": data.get("action") or "",
            "actor_id": data.get("actor"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
    events = audit_event_list(
        organization=organization, only_actions=only_actions, **filters
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = (
        "organizations/_audit_table.html"
        if request.htmx and not request.htmx.boosted
        else "organizations/audit_list.html"
    )
    return render(
        request,
        template,
        {
            "organization": organization,
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "partial": only_actions is not None,
        },
    )


def invitation_accept(request, token):
    """Accept an invitation: new people choose a password, members confirm."""
    invitation = access_invitation_by_token(token=token)
    user = request.user if request.user.is_authenticated else None
    account_exists = invitation.email and _account_exists(invitation.email)
    welcome = _("Welcome to %(organization)s.") % {
        "organization": invitation.organization.name
    }
    if account_exists and request.method == "POST":
        return run_action(
            request,
            lambda: services.invitation_accept(invitation=invitation, user=user),
            success_message=welcome,
            redirect_to=lambda membership: (
                invitation.organization.get_staff_url() if membership else request.path
            ),
        )
    form = None
    if not account_exists:
        form = InvitationAcceptForm(
            request.POST or None,
            initial={"full_name": invitation.full_name, "title": invitation.title},
        )
        if response := handle_form(
            request,
            form,
            on_valid=lambda data: _accept_as_new_account(
                request, invitation=invitation, user=user, data=data
            ),
            success_message=welcome,
            redirect_to=invitation.organization.get_staff_url(),
        ):
            return response
    return render(
        request,
        "organizations/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "account_exists": account_exists,
            "signed_in_as_invitee": user is not None
            and user.email.lower() == invitation.email.lower(),
            "login_url": reverse("account_login") + "?next=" + request.path,
        },
    )


def _accept_as_new_account(request, *, invitation, user, data):
    """Create the account, join and sign in; password rules land on its field."""
    try:
        membership = services.invitation_accept(
            invitation=invitation,
            user=user,
            full_name=data["full_name"],
            title=data["title"],
            phone=data["phone"],
            password=data["password1"],
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"password1": error.messages}) from None
    login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
    return membership


def _account_exists(email: str) -> bool:
    from prongsai.accounts.models import User

    return User.objects.filter(email__iexact=email).exists()
