"""Register an organisation and invite its first administrator."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization
from prongsai.organizations.roles import Role
from prongsai.organizations.services import invitation_create, organization_create


class Command(BaseCommand):
    help = (
        "Register an organisation on this install and e-mail an invitation to "
        "its first administrator."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True, help="Official Thai name")
        parser.add_argument(
            "--kind", required=True, choices=[k.value for k in Organization.Kind]
        )
        parser.add_argument("--dla-code", required=True)
        parser.add_argument("--province", required=True)
        parser.add_argument("--district", required=True)
        parser.add_argument("--subdistrict", default="")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True)

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                organization = organization_create(
                    actor=None,
                    slug=options["slug"],
                    name=options["name"],
                    kind=options["kind"],
                    dla_code=options["dla_code"],
                    province=options["province"],
                    district=options["district"],
                    subdistrict=options["subdistrict"],
                )
                invitation_create(
                    actor=None,
                    organization=organization,
                    email=options["admin_email"],
                    full_name=options["admin_name"],
                    roles=[Role.ORG_ADMIN],
                )
        except ValidationError as error:
            lines = [
                f"{field}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            ]
            raise CommandError("\n".join(lines)) from error
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {organization.name} at /{organization.slug}/ and invited "
                f"{options['admin_email']} as its administrator."
            )
        )
