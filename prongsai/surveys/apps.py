"""IIT and EIT pulse surveys, satisfaction surveys, and the predicted ITA."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "prongsai.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from . import receivers  # noqa: F401  (EIT links after transactions)
