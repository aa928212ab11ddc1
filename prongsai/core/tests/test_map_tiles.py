"""One tile server for every map, and the CSP derived from it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.template import Context, Template

from prongsai.core.map_tiles import DEFAULT_TILE_URL, tile_origin


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        (DEFAULT_TILE_URL, "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        (
            "https://tiles.example.go.th:8443/osm/{z}/{x}/{y}.png?key=1",
            "https://tiles.example.go.th:8443",
        ),
        ("http://127.0.0.1:8080/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
        ("http://localhost:8080/{z}/{x}/{y}.png", "http://localhost:8080"),
        ("HTTPS://Tile.Example.ORG/{z}/{x}/{y}.png", "https://tile.example.org"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_tile_origin(url, origin):
    assert tile_origin(url) == origin


@pytest.mark.parametrize(
    "url",
    [
        "tile.openstreetmap.org/{z}/{x}/{y}.png",
        "ftp://tile.example.org/{z}.png",
        "javascript:alert(1)",
        "https://user:secret@tile.example.org/{z}.png",
        "https://{s}.org/{z}.png",
        "https://tile.{s}.example.org/{z}.png",
        "https://*/{z}.png",
        "https:///{z}.png",
        "https://tile.example.org:http/{z}.png",
        "https://tile.example.org 'unsafe-inline'/{z}.png",
    ],
)
def test_a_mistyped_tile_url_is_refused(url):
    with pytest.raises(ValueError):
        tile_origin(url)


def test_the_csp_allows_the_configured_tiles():
    img_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    assert tile_origin(settings.PRONGSAI_MAP_TILE_URL) in img_src
    assert img_src == ["'self'", "data:", "https://tile.openstreetmap.org"]


def _settings_with(url: str) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PRONGSAI_MAP_TILE_URL": url,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )


def test_changing_the_tile_server_changes_the_csp():
    done = _settings_with("https://{s}.tiles.example.go.th/{z}/{x}/{y}.png")
    assert done.returncode == 0, done.stderr
    assert "https://*.tiles.example.go.th" in done.stdout
    assert "openstreetmap" not in done.stdout
    none = _settings_with("")
    assert none.stdout.strip() == "[\"'self'\", 'data:']"
    wrong = _settings_with("tiles.example.go.th/{z}/{x}/{y}.png")
    assert wrong.returncode != 0
    assert "PRONGSAI_MAP_TILE_URL" in wrong.stderr


def test_the_map_elements_get_the_tile_server(settings):
    settings.PRONGSAI_MAP_TILE_URL = "https://tiles.example.go.th/{z}/{x}/{y}.png"
    settings.PRONGSAI_MAP_TILE_ATTRIBUTION = '&copy; <a href="https://x.example">X</a>'
    html = Template("{% load maps %}<div {% map_tile_attrs %}></div>").render(Context())
    assert html == (
        '<div data-tile-url="https://tiles.example.go.th/{z}/{x}/{y}.png" '
        'data-tile-attribution="&amp;copy; &lt;a href=&quot;https://x.example&quot;'
        '&gt;X&lt;/a&gt;"></div>'
    )
