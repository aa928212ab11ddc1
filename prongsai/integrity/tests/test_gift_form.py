"""The gift report form speaks to an officer in Thai."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LABELS = [
    "เจ้าหน้าที่ผู้ได้รับ",
    "วันที่ได้รับ",
    "ผู้ให้ (บุคคลหรือหน่วยงาน)",
    "ความสัมพันธ์กับผู้ให้",
    "ทรัพย์สินหรือประโยชน์ที่ได้รับ",
    "มูลค่าโดยประมาณ (บาท)",
    "การดำเนินการกับสิ่งที่ได้รับ",
    "โอกาส เหตุผล และรายละเอียดอื่น",
]


def test_the_form_page_shows_thai_labels_and_help(client, organization, member):
    client.force_login(member.user)
    page = client.get(
        reverse(
            "integrity-staff:gift-report-create", kwargs={"org": organization.slug}
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    for label in LABELS:
        assert label in page, label
    assert "เช่น กระเช้าผลไม้" in page
    assert "ส่งคืนผู้ให้" in page  # the choices of what was done
    labels = re.findall(r"<label[^>]*>([^<]*)<", page)
    assert labels
    assert not [text for text in labels if re.search(r"[A-Za-z]{3,}", text)]
    # The labels never say "request received" or "work done" (shared msgids).
    assert "วันที่รับคำขอ" not in page
    assert "ผลการดำเนินงาน" not in page


def test_every_label_and_help_text_is_translated():
    from django.utils import translation

    from prongsai.integrity.forms import GiftReportForm

    form_class = GiftReportForm
    with translation.override("th"):
        texts = [str(form_class.base_fields["reporter"].label)]
        texts += [str(v) for v in form_class._meta.labels.values()]
        texts += [str(v) for v in form_class._meta.help_texts.values()]
    assert len(texts) == 15
    for text in texts:
        assert re.search("[ก-๙]", text), text
        assert not re.search(r"\b[A-Za-z]{4,}\b", text), text
