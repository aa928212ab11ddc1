"""The import preview stays small and fast however many rows the file had."""

import pytest
from django.urls import reverse

from .factories import build_import

pytestmark = pytest.mark.django_db
MAX_PAGE_BYTES = 500 * 1024


def _preview(client, batch, **params):
    url = reverse(
        "procurement-staff:import-preview",
        kwargs={"org": batch.organization.slug, "pk": batch.pk},
    )
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    return response.content.decode()


def test_page_size_does_not_grow_with_the_rows(
    client, organization, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    small = build_import(organization, rows=200, errors=200, warnings=200)
    large = build_import(organization, rows=20_000, errors=20_000, warnings=20_000)
    small_page = _preview(client, small)
    with django_assert_max_num_queries(20):
        large_page = _preview(client, large)
    size = len(large_page.encode())
    assert size < MAX_PAGE_BYTES
    # Page bytes with 20,000 rows are those with 200 (only the numbers differ).
    assert size < 1.1 * len(small_page.encode())
    assert large_page.count("<tr>") == 101  # header + one page of rows
    assert "รายการที่ 100<" in large_page and "รายการที่ 101<" not in large_page
    assert "พร้อมนำเข้า 20,000 แถว" in large_page
    assert "ต้องแก้ไขข้อผิดพลาด 20,000 รายการ" in large_page
    # Thai page links for the rows, the errors and the warnings.
    assert "หน้า 1 จาก 200" in large_page
    assert "errors_page=2#import-errors" in large_page
    assert "warnings_page=2#import-warnings" in large_page
    assert "page=2#import-rows" in large_page
    assert "import-commit-button" not in large_page  # errors stop the import


def test_pages_are_read_one_at_a_time(client, organization, officer):
    client.force_login(officer)
    batch = build_import(organization, rows=250, errors=150)
    page = _preview(client, batch, page=3, errors_page=2)
    assert "รายการที่ 201<" in page and "รายการที่ 250<" in page
    assert "รายการที่ 200<" not in page
    assert "หน้า 3 จาก 3" in page and "หน้า 2 จาก 2" in page
    # Each section's links keep the page of the other.
    assert "page=3&amp;errors_page=1#import-errors" in page
    assert "errors_page=2&amp;page=2#import-rows" in page
    # Out-of-range or malformed page numbers fall back instead of failing.
    assert "หน้า 3 จาก 3" in _preview(client, batch, page=999)
    assert "หน้า 1 จาก 3" in _preview(client, batch, page="x")


def test_clean_import_can_be_committed_from_the_page(client, organization, officer):
    client.force_login(officer)
    batch = build_import(organization, rows=120)
    page = _preview(client, batch)
    assert "import-commit-button" in page
    url = reverse(
        "procurement-staff:import-preview",
        kwargs={"org": organization.slug, "pk": batch.pk},
    )
    response = client.post(url, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert organization.procurements.count() == 120, messages
