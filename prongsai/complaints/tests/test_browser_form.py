"""The web complaint form on a phone (issue #17): "use my location", a large
photo made smaller in the browser, and nothing lost on an error."""

import os
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from prongsai.complaints.images import MAX_BYTES
from prongsai.complaints.models import Case
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.organizations.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bandong():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    CategoryFactory(organization=organization, name="ไฟฟ้าส่องสว่าง")
    return organization


@pytest.fixture
def large_photo(tmp_path):
    """A 4000x3000 JPEG larger than the server's limit, as a phone takes."""
    path = tmp_path / "IMG_4032.jpg"
    noise = Image.frombytes("RGB", (4000, 3000), os.urandom(4000 * 3000 * 3))
    noise.save(path, format="JPEG", quality=90)
    assert path.stat().st_size > MAX_BYTES
    return path


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="th-TH",
        geolocation={"latitude": 16.4321, "longitude": 102.8765},
        permissions=["geolocation"],
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(20000)
    yield context.new_page()
    context.close()


def test_complaint_with_location_and_large_photo(
    live_server, phone, bandong, large_photo
):
    page = phone
    page.goto(live_server.url + "/bandong/complaints/new/complaint/")
    page.locator(".geo-picker button").first.click()
    picked = page.locator(".geo-picker [role=status]")
    expect(picked).to_contain_text("16.432100")
    expect(picked).to_contain_text("102.876500")

    page.locator("#id_photos").set_input_files(str(large_photo))
    expect(page.locator(".photo-resize-status")).to_contain_text("IMG_4032.jpg (")
    size = page.locator("#id_photos").evaluate("input => input.files[0].size")
    assert size < MAX_BYTES

    page.locator("#id_category").select_option(label="ไฟฟ้าส่องสว่าง")
    page.locator("#id_description").fill("ไฟถนนหน้าวัดดับสามต้น มืดมาก")
    page.locator("#id_privacy_ack").check()
    # The subject is forgotten: the form comes back, the photo and the point kept.
    page.get_by_role("button", name="ส่ง", exact=True).click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_text("IMG_4032.jpg", exact=False).first).to_be_visible()
    expect(page.locator(".geo-picker [role=status]")).to_contain_text("16.432100")
    assert page.locator("#id_description").input_value().startswith("ไฟถนน")

    page.locator("#id_subject").fill("ไฟถนนดับ")
    page.locator("#id_privacy_ack").check()
    page.get_by_role("button", name="ส่ง", exact=True).click()
    page.wait_for_url(re.compile(r"/bandong/complaints/track/[A-Z0-9]+/$"))

    case = Case.objects.get()
    assert str(case.latitude) == "16.432100"
    assert str(case.longitude) == "102.876500"
    (attachment,) = case.attachments.all()
    with attachment.file.open("rb") as handle, Image.open(handle) as stored:
        assert stored.size == (2000, 1500)


def test_location_can_be_cleared(live_server, phone, bandong):
    page = phone
    page.goto(live_server.url + "/bandong/complaints/new/complaint/")
    page.locator(".geo-picker button").first.click()
    expect(page.locator(".geo-picker [role=status]")).to_contain_text("16.432100")
    page.locator(".geo-picker button").nth(1).click()
    assert page.locator("#id_latitude").input_value() == ""
    assert page.locator("#id_longitude").input_value() == ""
