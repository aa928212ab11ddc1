"""Signals of the organisations app, for the layers above it.

``role_grant_requested(sender=RoleGrant, grant_id)`` is sent after commit when
a role that reads confidential reports is asked for; the notifications app
tells every integrity officer and executive of the organisation.
"""

from django.dispatch import Signal

role_grant_requested = Signal()
