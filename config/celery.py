"""Celery application; tasks run eagerly in-process when no broker is set."""

import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

#: Seconds before each new try of a task that could not reach the database.
DATABASE_RETRY_DELAYS = (5, 15, 30, 60, 120, 300, 600)


class DatabaseRetryTask(Task):
    """A task that meets an unreachable database (PostgreSQL restarting,
    failing over, out of connections) is tried again later, with growing
    delays for about twenty minutes, instead of being dropped: a complaint
    filed just before the database went away still reaches its officers.
    Tasks take ids and read their rows again, so a new try is safe."""

    def __call__(self, *args, **kwargs):
        from django.db import InterfaceError, OperationalError

        try:
            return super().__call__(*args, **kwargs)
        except (OperationalError, InterfaceError) as error:
            retries = self.request.retries or 0
            direct = self.request.called_directly or self.request.is_eager
            if direct or retries >= len(DATABASE_RETRY_DELAYS):
                raise
            raise self.retry(
                exc=error,
                countdown=DATABASE_RETRY_DELAYS[retries],
                max_retries=len(DATABASE_RETRY_DELAYS),
            ) from error


app = Celery("prongsai", task_cls=DatabaseRetryTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
