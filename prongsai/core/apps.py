from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _site_sync(sender, using="default", **kwargs):
    from .sites import site_sync

    site_sync(using=using)


def _connect_replica_tasks() -> None:
    """With read replicas, tasks read the primary unless marked read-only."""
    from celery.signals import task_postrun, task_prerun
    from django.conf import settings

    if not getattr(settings, "DATABASE_REPLICAS", None):
        return
    from .db_router import task_finished, task_started

    task_prerun.connect(task_started, dispatch_uid="prongsai.core.replica_task")
    task_postrun.connect(task_finished, dispatch_uid="prongsai.core.replica_task")


class CoreConfig(AppConfig):
    name = "prongsai.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            public_documents,  # noqa: F401  (its save/delete hook)
        )
        from .audit import discover_audit_labels
        from .images import set_pillow_limit

        # Decompression bombs: Pillow refuses images above this many pixels.
        set_pillow_limit()

        # Each app's retention.py registers the kinds of personal data it
        # keeps (prongsai.core.retention); personal_data.py registers how to
        # find, export and erase one person's data (prongsai.core.personal_data).
        autodiscover_modules("retention", "personal_data")
        # Each app's audit_labels.py: labels of its audit actions.
        discover_audit_labels()
        # After every migrate the Site row takes the configured name and host
        # (allauth puts them in e-mails).
        post_migrate.connect(
            _site_sync, sender=self, dispatch_uid="prongsai.core.site_sync"
        )
        _connect_replica_tasks()
