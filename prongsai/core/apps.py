from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _site_sync(sender, using="default", **kwargs):
    from .sites import site_sync

    site_sync(using=using)


class CoreConfig(AppConfig):
    name = "prongsai.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # After every migrate the Site row takes the configured name and host
        # (allauth puts them in e-mails).
        post_migrate.connect(
            _site_sync, sender=self, dispatch_uid="prongsai.core.site_sync"
        )
