"""Fuzzing the public pages of an organisation, and the NUL-character guard."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.params import bounded_int, contains_nul, strip_nul

from .fuzz import FUZZ, HUGE, assert_no_server_error, fuzz_client, query_params

pytestmark = pytest.mark.django_db

PATHS = [
    "",
    "news/",
    "search/",
    "laws/",
    "oit/",
    "open-data/",
    "eservices/",
    "eservices/track/",
    "eservices/statistics/",
    "complaints/",
    "complaints/track/",
    "complaints/statistics/",
    "ita/",
    "plans/",
    "plans/participation/",
    "integrity/no-gift/",
]
KEYS = ["page", "q", "category", "year", "fiscal_year", "code", "format", "tags"]
NUL_MESSAGE = "อักขระว่าง"


@pytest.fixture
def web(organization):
    return fuzz_client()


@FUZZ
@given(path=st.sampled_from(PATHS), params=query_params(KEYS))
def test_public_pages_take_any_parameters(web, organization, path, params):
    response = web.get(f"/{organization.slug}/{path}", params)
    assert_no_server_error(response)


@pytest.mark.parametrize("page", [HUGE, str(10**30), "-5", "abc", "1e9", ""])
@pytest.mark.parametrize("path", ["news/", "open-data/", "procurement/"])
def test_paginated_lists_take_any_page(web, organization, path, page):
    response = web.get(f"/{organization.slug}/{path}", {"page": page})
    assert response.status_code == 200


def test_nul_in_a_query_string_is_a_thai_400(web, organization):
    response = web.get(f"/{organization.slug}/search/", {"q": "ถนน\x00"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def test_nul_in_a_form_a_multipart_form_a_cookie_or_the_path(web, organization):
    url = f"/{organization.slug}/complaints/track/"
    assert web.post(url, {"code": "a\x00b"}).status_code == 400
    upload = SimpleUploadedFile("a.png", b"x")
    assert web.post(url, {"file": upload, "code": "\x00"}).status_code == 400
    assert web.get(f"/{organization.slug}/news/%00/").status_code == 400
    web.cookies["sessionid"] = "abc\x00def"
    assert web.get(f"/{organization.slug}/").status_code == 400


def test_nul_on_an_api_path_is_json(web):
    response = web.get("/api/3/action/package_search", {"q": "\x00"})
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert NUL_MESSAGE in response.json()["error"]["message"]


def test_a_clean_request_passes(web, organization):
    assert web.get(f"/{organization.slug}/search/", {"q": "ถนน"}).status_code == 200


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, 7), ("", 7), (" 12 ", 12), ("-3", -3), (5, 5), (4.0, 4)],
)
def test_bounded_int_accepts(raw, expected):
    assert bounded_int(raw, default=7, low=-10, high=100) == expected


@pytest.mark.parametrize(
    "raw",
    [
        HUGE,
        "1e3",
        "abc",
        "0x10",
        "๕",
        True,
        4.5,
        float("inf"),
        float("nan"),
        ["1"],
        "101",
    ],
)
def test_bounded_int_refuses(raw):
    with pytest.raises(ValueError):
        bounded_int(raw, default=7, low=-10, high=100)


def test_nul_in_json_values():
    data = {"a\x00": ["x", {"b": "y\x00"}], "n": 1}
    assert contains_nul(data) is True
    assert strip_nul(data) == {"a": ["x", {"b": "y"}], "n": 1}
    assert contains_nul(strip_nul(data)) is False
