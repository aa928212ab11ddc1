"""The member's notification settings page, the inbox and the bell."""

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.notifications import services
from prongsai.notifications.models import NotificationPreference
from prongsai.organizations.tests.factories import MembershipFactory


@pytest.fixture
def member(organization):
    return MembershipFactory(
        organization=organization, user=UserFactory(email="a@x.th")
    )


def _notify(organization, member, references="ร-001"):
    return services.notify(
        organization=organization,
        recipient=member,
        kind="complaints/overdue",
        context={"count": 1, "references": references},
        url="/bandong/staff/complaints/",
    )


def test_preferences_page_saves_channels_and_frequency(client, organization, member):
    client.force_login(member.user)
    url = reverse("notifications-staff:preferences", kwargs={"org": organization.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "ตั้งค่าการแจ้งเตือน" in page.content.decode()
    assert "วันละครั้ง (สรุปรวม)" in page.content.decode()
    response = client.post(
        url, {"email_enabled": "on", "inbox_enabled": "on", "frequency": "daily"}
    )
    assert response.status_code == 302
    row = NotificationPreference.objects.get(membership=member)
    assert (row.email_enabled, row.line_enabled, row.inbox_enabled) == (
        True,
        False,
        True,
    )
    assert row.frequency == "daily"


def test_preferences_page_explains_a_bad_choice_in_thai(client, organization, member):
    client.force_login(member.user)
    url = reverse("notifications-staff:preferences", kwargs={"org": organization.slug})
    response = client.post(url, {"email_enabled": "on", "frequency": "hourly"})
    assert response.status_code == 200
    assert "เลือกตัวเลือกที่ถูกต้อง" in response.content.decode()
    assert not NotificationPreference.objects.filter(membership=member).exists()


def test_bell_counts_unread_and_the_inbox_marks_them_read(client, organization, member):
    _notify(organization, member, "ร-001")
    _notify(organization, member, "ร-002")
    other = MembershipFactory(organization=organization)
    _notify(organization, other, "ร-999")
    client.force_login(member.user)
    dashboard = client.get(
        reverse("organizations-staff:dashboard", kwargs={"org": organization.slug})
    )
    bell = (
        dashboard.content.decode().split('id="notification-bell"')[1].split("</a>")[0]
    )
    assert ">2<" in bell
    assert "การแจ้งเตือนที่ยังไม่อ่าน 2 รายการ" in bell

    inbox = client.get(
        reverse("notifications-staff:inbox", kwargs={"org": organization.slug})
    )
    html = inbox.content.decode()
    assert "ร-001" in html and "ร-002" in html
    assert "ร-999" not in html
    assert html.count("ยังไม่อ่าน</span>") == 2

    dashboard = client.get(
        reverse("organizations-staff:dashboard", kwargs={"org": organization.slug})
    )
    bell = (
        dashboard.content.decode().split('id="notification-bell"')[1].split("</a>")[0]
    )
    assert "badge" not in bell
