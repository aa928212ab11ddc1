"""The invitation e-mail task, eager and through a real Redis broker."""

import time

import pytest
from django.core import mail

from prongsai.organizations.services import invitation_revoke
from prongsai.organizations.tasks import invitation_send_email
from prongsai.organizations.tests.factories import invite

pytestmark = pytest.mark.django_db


def test_task_does_nothing_for_a_revoked_invitation(admin_user, organization):
    invitation = invite(
        admin_user,
        organization,
        email="x@example.org",
        full_name="ก ข",
        roles=["staff"],
    )
    invitation_revoke(actor=admin_user, invitation=invitation)
    assert invitation_send_email(invitation.pk) is False
    assert invitation_send_email(999999) is False
    assert mail.outbox == []


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_invitation_email_goes_through_redis_and_a_worker(
    redis_available, settings, admin_user, organization
):
    """With a broker configured the task is queued in Redis and run by a worker."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    def use_broker(url, eager):
        app.conf.update(broker_url=url, task_always_eager=eager)
        # Drop connections opened with the previous broker URL.
        app._pool = None
        app.amqp._producer_pool = None

    use_broker(redis_available, False)
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", loglevel="WARNING"
        ):
            invitation = invite(
                admin_user,
                organization,
                email="queued@example.org",
                full_name="คิว ทดสอบ",
                roles=["staff"],
            )
            invitation_send_email.delay(invitation.pk)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                invitation.refresh_from_db()
                if invitation.sent_at:
                    break
                time.sleep(0.1)
    finally:
        use_broker("memory://", True)
    assert invitation.sent_at is not None
    assert any(m.to == ["queued@example.org"] for m in mail.outbox)
