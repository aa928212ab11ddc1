"""Objects of a given organisation for the site content routes that take one."""

from prongsai.sitecontent.models import Executive, Inquiry, Law, NewsItem


def _executive(organization):
    executive = Executive.objects.create(
        organization=organization, full_name="นายทดสอบ ระบบ", position="นายก"
    )
    return {"pk": executive.pk}


def _news(organization):
    news = NewsItem.objects.create(
        organization=organization,
        title="ข่าวทดสอบ",
        body="เนื้อหา",
        status=NewsItem.Status.PUBLISHED,
    )
    return {"pk": news.pk}


def _law(organization):
    law = Law.objects.create(
        organization=organization, title="กฎหมาย", url="https://example.org/law"
    )
    return {"pk": law.pk}


def _inquiry(organization):
    return {
        "pk": Inquiry.objects.create(
            organization=organization, question="คำถามทดสอบ"
        ).pk
    }


ROUTE_OBJECTS = {
    "sitecontent-staff:executive-edit": _executive,
    "sitecontent-staff:executive-delete": _executive,
    "sitecontent-staff:news-edit": _news,
    "sitecontent-staff:law-edit": _law,
    "sitecontent-staff:inquiry-answer": _inquiry,
    "portal-public:news-detail": _news,
}
