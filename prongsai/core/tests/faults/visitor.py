"""A citizen on the public forms, over real HTTP (no redirects followed)."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

from .seed import ORGANIZATION, SERVICE

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COMPLAINT_CODE = re.compile(rf"^/{ORGANIZATION}/complaints/track/([0-9A-Z]+)/$")
REQUEST_CODE = re.compile(rf"^/{ORGANIZATION}/eservices/track/([0-9A-Z]+)/filed/$")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Answer(Exception):
    """The site answered, but not with a tracking code."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"HTTP {status}: {body[:300]}")
        self.status = status
        self.body = body


class Visitor:
    def __init__(self, base_url: str, address: str, *, timeout: float = 30) -> None:
        self.base_url = base_url
        self.address = address
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect,
        )

    def open(self, path: str, data: dict | None = None):
        """``(status, headers, body)``; HTTP errors are answers too."""
        request = urllib.request.Request(  # noqa: S310 - http on 127.0.0.1
            self.base_url + path,
            data=urllib.parse.urlencode(data).encode() if data is not None else None,
            headers={"X-Forwarded-For": self.address},
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def _submit(self, path: str, data: dict, pattern: re.Pattern) -> str:
        status, _headers, body = self.open(path)
        if status != 200:
            raise Answer(status, body)
        data = {"csrfmiddlewaretoken": TOKEN.search(body)[1], **data}
        status, headers, body = self.open(path, data)
        match = pattern.match(headers.get("Location") or "") if status == 302 else None
        if match is None:
            raise Answer(status, body)
        return match[1]

    def complaint(self, marker: str, *, category: int) -> str:
        """File a complaint; its tracking code."""
        return self._submit(
            f"/{ORGANIZATION}/complaints/new/complaint/",
            {
                "category": category,
                "subject": f"ไฟถนนดับ {marker}",
                "description": f"ไฟถนนหน้าวัดดับมาสามคืน ({marker})",
                "privacy_ack": "on",
            },
            COMPLAINT_CODE,
        )

    def request(self, marker: str, *, email: str = "") -> str:
        """File an E-Service request; its tracking code."""
        return self._submit(
            f"/{ORGANIZATION}/eservices/{SERVICE}/apply/",
            {
                "citizen_name": "สมศรี ใจดี",
                "citizen_phone": "0812345678",
                "citizen_email": email,
                "f_detail": f"ไฟดับหน้าบ้าน ({marker})",
                "f_location__moo": "5",
                "f_location__subdistrict": "บ้านดง",
                "f_location__district": "อุบลรัตน์",
                "f_location__province": "ขอนแก่น",
                "privacy_accepted": "on",
            },
            REQUEST_CODE,
        )
