"""Send the background tasks that waited while the broker was down.

Example::

    prongsai drain_task_outbox

Celery beat does this every minute and each worker when it starts; run it by
hand after an outage to see what is left. Exits with status 1 when tasks are
still waiting (the broker still does not answer).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core.outbox import outbox_backlog, outbox_drain


class Command(BaseCommand):
    help = "Send the background tasks kept in the outbox while the broker was down."

    def handle(self, *args, **options):
        sent = outbox_drain()
        waiting, _age = outbox_backlog()
        with translation.override("th"):
            message = _(
                "Sent %(sent)s waiting background tasks; %(waiting)s still waiting"
            ) % {"sent": sent, "waiting": waiting}
            if waiting:
                raise CommandError(message)
            self.stdout.write(message)
