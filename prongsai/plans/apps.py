from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    label = "plans"
    verbose_name = _("Integrity measures and action plans")
