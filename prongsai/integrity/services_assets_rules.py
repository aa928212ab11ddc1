"""The rules on borrowing assets (ระเบียบ/หลักเกณฑ์การยืมพัสดุ): a draft the
officers edit, published through ``core.publications`` (the public page shows
the frozen publication, never the draft)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log
from prongsai.core.documents import render_pdf
from prongsai.core.errors import DomainError
from prongsai.core.models import Publication
from prongsai.core.publications import (
    publication_current,
    publication_publish,
    publication_withdraw,
)
from prongsai.core.services import model_update

from .models_assets import AssetLoanRules

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


def loan_rules_get(*, organization: Organization) -> AssetLoanRules | None:
    return AssetLoanRules.objects.filter(organization=organization).first()


def loan_rules_current(*, organization: Organization) -> Publication | None:
    """The published rules the public sees, or ``None``."""
    rules = loan_rules_get(organization=organization)
    return publication_current(rules) if rules is not None else None


@transaction.atomic
def loan_rules_save(
    *,
    actor: User,
    organization: Organization,
    title: str,
    text: str,
    pdf: File | None = None,
) -> AssetLoanRules:
    """Write the draft of the rules (not public until published)."""
    rules = loan_rules_get(organization=organization)
    data = {"title": title.strip(), "text": text.strip(), "updated_by": actor}
    if pdf:
        data["pdf"] = pdf
    if rules is None:
        rules = AssetLoanRules(organization=organization, **data)
        rules.full_clean()
        rules.save()
        changes: dict[str, Any] = {"title": rules.title}
    else:
        changes = dict(model_update(rules, data, list(data)))
        changes.pop("updated_by", None)
        changes.pop("text", None)
        if "pdf" in changes:
            changes["pdf"] = "uploaded"
    audit_log(
        actor=actor,
        organization=organization,
        action="asset_loan_rules.save",
        target=rules,
        changes=changes,
    )
    return rules


def _snapshot(rules: AssetLoanRules) -> dict:
    return {"title": rules.title, "text": rules.text}


@transaction.atomic
def loan_rules_publish(*, actor: User, rules: AssetLoanRules) -> Publication:
    """Freeze the rules for the public: their text and a PDF (the signed
    file when uploaded, else the text set in the official layout)."""
    if not rules.text and not rules.pdf:
        raise DomainError(_("Write the rules or upload the signed PDF first."))
    if rules.pdf:
        with rules.pdf.open("rb") as signed:
            pdf = signed.read()
    else:
        pdf = render_pdf(
            "integrity/assets/rules_pdf.html",
            {"organization": rules.organization, "rules": _snapshot(rules)},
        )
    # The file's digest is part of what is published: a new signed file is a change.
    snapshot = _snapshot(rules) | {"pdf_sha256": hashlib.sha256(pdf).hexdigest()}
    return publication_publish(
        actor=actor,
        subject=rules,
        snapshot=snapshot,
        pdf=pdf,
        filename="loan-rules.pdf",
        action="asset_loan_rules.publish",
    )


@transaction.atomic
def loan_rules_withdraw(*, actor: User, rules: AssetLoanRules) -> None:
    publication_withdraw(actor=actor, subject=rules)
