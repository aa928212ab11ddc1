"""Labels of the audit-trail actions of this app (collected by
``prongsai.core.audit`` from every app's ``audit_labels.py``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "site_page.create": _("Site page created"),
    "site_page.update": _("Site page edited"),
    "site_executive.create": _("Executive added"),
    "site_executive.update": _("Executive edited"),
    "site_executive.delete": _("Executive removed"),
    "site_news.create": _("News item created"),
    "site_news.update": _("News item edited"),
    "site_law.create": _("Law added"),
    "site_law.update": _("Law edited"),
    "site_inquiry.submit": _("Question received"),
    "site_inquiry.answer": _("Question answered"),
    "site_inquiry.reject": _("Question not published"),
}
