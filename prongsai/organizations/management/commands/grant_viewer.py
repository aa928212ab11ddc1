"""Let a user read every organisation of a province or of the country."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.errors import DomainError
from prongsai.organizations.models import ViewerGrant
from prongsai.organizations.services_regions import (
    viewer_grant_create,
    viewer_grant_revoke,
)


class Command(BaseCommand):
    help = (
        "Grant (or --revoke) a read-only viewer: --province NAME_OR_CODE for a "
        "provincial office, --national for the DLA, --operator for the platform "
        "operator. The user must already have an account; they must set up "
        "two-factor authentication at their first login."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--province", help="Thai name or two-digit code")
        scope.add_argument("--national", action="store_true")
        scope.add_argument("--operator", action="store_true")
        parser.add_argument("--note", default="")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, email, province, national, operator, note, revoke, **o):
        with translation.override("th"):
            user = User.objects.filter(email__iexact=email.strip()).first()
            if user is None:
                raise CommandError(
                    _("No account with the e-mail %(email)s.") % {"email": email}
                )
            scope = (
                ViewerGrant.Scope.NATIONAL
                if national
                else ViewerGrant.Scope.OPERATOR
                if operator
                else ViewerGrant.Scope.PROVINCE
            )
            try:
                if revoke:
                    self._revoke(user, scope, province or "")
                    return
                grant = viewer_grant_create(
                    actor=None,
                    user=user,
                    scope=scope,
                    province=province or "",
                    note=note,
                )
            except DomainError as error:
                raise CommandError(error.message) from error
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(user)s may now read: %(scope)s")
                    % {
                        "user": user.email,
                        "scope": grant.province or grant.get_scope_display(),
                    }
                )
            )

    def _revoke(self, user, scope, province):
        from prongsai.organizations.provinces import province_name

        grants = ViewerGrant.objects.filter(user=user, scope=scope)
        if scope == ViewerGrant.Scope.PROVINCE:
            grants = grants.filter(province=province_name(province) or province)
        grant = grants.first()
        if grant is None:
            raise CommandError(_("The user holds no such viewer grant."))
        viewer_grant_revoke(actor=None, grant=grant)
        self.stdout.write(self.style.SUCCESS(_("Viewer grant revoked.")))
