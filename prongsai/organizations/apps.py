from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _directory_changed(sender, raw=False, **kwargs):
    """An organisation was saved or deleted: the cached directory pages go."""
    if raw:
        return
    from .selectors import organization_directory_changed

    transaction.on_commit(organization_directory_changed)


class OrganizationsConfig(AppConfig):
    name = "prongsai.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from .demo import discover_demo_loaders
        from .models import Organization

        # Every app's demo.py: its DEMO_LOADER for ``prongsai load_demo``.
        discover_demo_loaders()
        # The platform directory (``/``) is cached until an organisation changes.
        for signal in (post_save, post_delete):
            signal.connect(
                _directory_changed,
                sender=Organization,
                dispatch_uid=f"prongsai.organizations.directory.{signal}",
            )
