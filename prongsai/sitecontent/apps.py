from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitecontentConfig(AppConfig):
    name = "prongsai.sitecontent"
    label = "sitecontent"
    verbose_name = _("Public site content")
