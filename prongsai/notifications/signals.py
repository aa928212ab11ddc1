"""Signals of the notifications app.

``delivery_finished(sender=Delivery, notification, channel, status)`` is sent
once a delivery is sent (``status`` ``"sent"``) or has failed for good
(``"failed"``), so that an app showing a message as sent (a reply to a
complainant) follows what really happened.
"""

from django.dispatch import Signal

delivery_finished = Signal()
