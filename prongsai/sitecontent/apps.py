from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitecontentConfig(AppConfig):
    name = "prongsai.sitecontent"
    label = "sitecontent"
    verbose_name = _("Public site content")

    def ready(self):
        from prongsai.core.audit import register_action_labels
        from prongsai.organizations.demo import DEMO_LOADERS

        from .demo import load_sitecontent_demo
        from .providers import register_providers

        register_providers()
        register_action_labels(
            {
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
        )
        if load_sitecontent_demo not in DEMO_LOADERS:
            DEMO_LOADERS.append(load_sitecontent_demo)
