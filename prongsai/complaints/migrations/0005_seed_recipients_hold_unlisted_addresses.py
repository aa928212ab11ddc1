"""Seed the operator's list of external bodies; hold unlisted addresses.

1. The national bodies that take corruption reports about executives of local
   administrative organisations are listed: the NACC (ป.ป.ช.) and the PACC
   (ป.ป.ท.). Their e-mail addresses here are PLACEHOLDERS on the reserved
   ``.invalid`` domain: the platform operator must enter the bodies' official
   intake addresses in the platform admin (Complaints → External recipients of
   reports) before relying on them. They are data, not code, so they can be
   corrected without a release.
2. The safe choice for addresses organisations typed in before this change:
   an ``external_body_email`` that matches an operator-listed address becomes
   that listed choice; any other address is NOT trusted. It becomes a proposed
   address waiting for verification (a code sent to it, entered in the back
   office) and for confirmation by a second person, and the settings fall back
   to the operator-listed default until then.
"""

from django.db import migrations

SEED = [
    {
        "name": "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)",
        "kind": "nacc",
        "email": "nacc.address-to-be-confirmed@example.invalid",
    },
    {
        "name": "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (สำนักงาน ป.ป.ท.)",
        "kind": "pacc",
        "email": "pacc.address-to-be-confirmed@example.invalid",
    },
]
NOTE = (
    "Placeholder address: enter the body's official intake address before "
    "relying on it."
)
MIGRATION_NOTE = (
    "Entered before verification existed; verify it and have a second person "
    "confirm it before it is used."
)


def seed_and_hold(apps, schema_editor):
    ExternalRecipient = apps.get_model("complaints", "ExternalRecipient")
    ComplaintSettings = apps.get_model("complaints", "ComplaintSettings")
    ExternalAddressChange = apps.get_model("complaints", "ExternalAddressChange")
    for entry in SEED:
        ExternalRecipient.objects.get_or_create(
            kind=entry["kind"],
            province="",
            defaults={"name": entry["name"], "email": entry["email"], "notes": NOTE},
        )
    for row in ComplaintSettings.objects.exclude(external_body_email=""):
        listed = ExternalRecipient.objects.filter(
            email__iexact=row.external_body_email, is_active=True
        ).first()
        if listed is None:
            ExternalAddressChange.objects.create(
                organization_id=row.organization_id,
                email=row.external_body_email,
                status="unverified",
                note=MIGRATION_NOTE,
            )
        else:
            row.external_recipient = listed
        row.external_body_email = ""
        row.save(update_fields=["external_body_email", "external_recipient"])


def restore(apps, schema_editor):
    ComplaintSettings = apps.get_model("complaints", "ComplaintSettings")
    ExternalAddressChange = apps.get_model("complaints", "ExternalAddressChange")
    for change in ExternalAddressChange.objects.filter(note=MIGRATION_NOTE):
        ComplaintSettings.objects.filter(
            organization_id=change.organization_id, external_body_email=""
        ).update(external_body_email=change.email)
        change.delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_external_recipients_and_address_changes")]

    operations = [migrations.RunPython(seed_and_hold, restore)]
