"""Labels of the audit-trail actions of the JSON API (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "api_token.create": _("API token created"),
    "api_token.revoke": _("API token revoked"),
}
