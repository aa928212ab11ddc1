"""The JSON API (django-ninja), mounted at ``/api/v1/``; its docs at ``/api/docs``.

The docs page is ninja's Swagger UI served from this site's static files
(``ninja`` is an installed app), so it works under the site's CSP.
"""

from __future__ import annotations

from django.views.decorators.cache import cache_control
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

# Imported for their operations, which they register on the one router.
from . import (  # noqa: F401
    endpoints_index,
    endpoints_read,
    endpoints_write,
    errors,
)
from .routing import router

DESCRIPTION = """\
API สำหรับข้อมูลสาธารณะขององค์กรปกครองส่วนท้องถิ่นบนระบบพร้องใส
(อ่านได้โดยไม่ต้องยืนยันตัวตน) และสำหรับระบบอื่นขององค์กรที่บันทึกข้อมูลเข้ามา
(ใช้โทเค็น `Authorization: Bearer <token>` ที่ผู้ดูแลองค์กรสร้างในหน้า
“โทเค็น API” ของหลังบ้าน). ข้อผิดพลาดทุกรายการตอบเป็น JSON ที่มี `detail`
เป็นภาษาไทย. จำกัดจำนวนคำขอต่อนาที: เกินแล้วได้ 429 พร้อม `Retry-After`.
"""


class ReadableJSON(JSONRenderer):
    """JSON with Thai as Thai, not as ``\\u0e..`` escapes."""

    json_dumps_params = {"ensure_ascii": False}


class Docs(Swagger):
    """ninja's Swagger UI with the site's Thai font (``api/swagger.html``)."""

    template = "api/swagger.html"


api = NinjaAPI(
    title="Prongsai API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    renderer=ReadableJSON(),
    openapi_url="/openapi.json",
    docs=Docs(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
)
errors.install(api)
api.add_router("/", router)


@cache_control(max_age=300, public=True)
def docs(request):
    """The Swagger UI page of the API (static files of this site, no CDN)."""
    return api.docs.render_page(request, api)


#: The API's URLs (``config/urls.py``): ninja's, every error in JSON.
urls = errors.json_urls(api)
