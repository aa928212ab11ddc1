"""A small published public site shared by the portal's tests."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from prongsai.sitecontent import services as site
from prongsai.sitecontent.models import NewsItem, Page

# A valid 1×1 GIF, so that browsers render the organisation chart.
CHART_GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


def publish_sample_content(organization) -> NewsItem:
    """Publish a structure page, an executive, a news item and a law; the news."""
    site.page_save(
        actor=None,
        organization=organization,
        key=Page.Key.STRUCTURE,
        title="โครงสร้างและอำนาจหน้าที่",
        body="หน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล",
        image=ContentFile(CHART_GIF, name="chart.gif"),
        status="published",
    )
    site.executive_create(
        actor=None,
        organization=organization,
        full_name="นายสมศักดิ์ รักษ์ถิ่น",
        position="นายก",
        phone="081-000-1001",
    )
    news = site.news_create(
        actor=None,
        organization=organization,
        title="ประกาศรับสมัครพนักงานจ้าง",
        body="รับสมัครถึงสิ้นเดือน",
        status="published",
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    site.law_create(
        actor=None,
        organization=organization,
        title="พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
        url="https://www.oic.go.th/",
        status="published",
    )
    return news
