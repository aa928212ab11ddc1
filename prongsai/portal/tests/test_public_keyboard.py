"""Keyboard only: the skip link, a complaint and an E-Service request.

No mouse and no ``fill``/``click``: the visitor presses Tab until the field
or button has the focus, types, and submits with Enter or Space. At every
stop the focused element must show a visible focus indicator (an outline or
a box shadow). ``PRONGSAI_RECORD_CHECKS=1`` records the result for the
accessibility statement.
"""

import os

import pytest

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.organizations.tests.factories import OrganizationFactory

from . import checks_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = ("skip link", "complaint form", "E-Service request")

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    id: el.id, tag: el.tagName.toLowerCase(), type: el.type || '',
    name: el.name || '', required: !!el.required, value: el.value || '',
    checked: !!el.checked, visible: outline || shadow,
    text: (el.innerText || el.value || '').trim().slice(0, 40),
  };
}"""


def _focus(page):
    state = page.evaluate(FOCUS_STATE)
    assert state is not None, "the focus left the page's controls"
    assert state["visible"], f"no visible focus on {state}"
    return state


def _tab_to(page, predicate, *, limit=120):
    """Press Tab until ``predicate(state)``; every stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = _focus(page)
        if predicate(state):
            return state
    raise AssertionError(f"not reached by Tab within {limit} presses")


def _answer(page, state) -> None:
    """Answer the focused field by keyboard."""
    if state["type"] == "checkbox":
        page.keyboard.press("Space")
    elif state["tag"] == "select":
        page.keyboard.press("ArrowDown")
    elif "phone" in state["name"] or state["type"] == "tel":
        page.keyboard.type("0812345678")
    elif "email" in state["name"] or state["type"] == "email":
        page.keyboard.type("somsri@example.com")
    else:
        page.keyboard.type("ไฟถนนดับหน้าวัด")


def _unanswered(state) -> bool:
    """An empty field a citizen would fill (map points and files apart)."""
    if state["tag"] not in ("input", "textarea", "select"):
        return False
    if state["type"] in ("file", "number", "search", "hidden"):
        return False
    if state["type"] == "checkbox":
        return not state["checked"]
    return not state["value"]


def _fill_and_submit(page, submit_text: str) -> None:
    """Tab through the form answering each empty field, then send with Enter."""
    while True:
        state = _tab_to(
            page,
            lambda s: (
                _unanswered(s) or (s["tag"] == "button" and s["text"] == submit_text)
            ),
        )
        if state["tag"] == "button":
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
        _answer(page, state)


@pytest.fixture
def site():
    organization = OrganizationFactory(slug="bandong", phone="043-000-111")
    service = ServiceFactory(organization=organization)
    return organization, service


def test_main_paths_by_keyboard_only(live_server, page_factory, site):
    _organization, service = site
    page = page_factory(width=390, bypass_csp=True)
    passed = False
    try:
        page.goto(live_server.url + "/bandong/")
        page.keyboard.press("Tab")
        state = _focus(page)
        assert "skip-link" in page.evaluate("() => document.activeElement.className"), (
            state
        )
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main"

        page.goto(live_server.url + "/bandong/complaints/new/complaint/")
        _fill_and_submit(page, "ส่ง")
        assert "/complaints/track/" in page.url, page.url

        page.goto(live_server.url + f"/bandong/eservices/{service.code}/apply/")
        _fill_and_submit(page, "ส่งคำขอ")
        assert "/eservices/track/" in page.url, page.url
        passed = True
    finally:
        if os.environ.get("PRONGSAI_RECORD_CHECKS"):
            checks_record.record_keyboard(paths=PATHS, passed=passed)
