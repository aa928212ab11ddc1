"""Maps in browser tests without the internet: tiles are answered with an
empty PNG and anything else outside the test server is refused."""

import base64

EMPTY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/58BAwAI/AL+"
    "hc2rNAAAAABJRU5ErkJggg=="
)


def offline(page, live_server) -> list[str]:
    """Keep ``page`` on the test server; returns the tile URLs it asked for."""
    tiles: list[str] = []

    def answer(route):
        url = route.request.url
        if url.startswith(live_server.url):
            route.continue_()
        elif "tile.openstreetmap.org" in url:
            tiles.append(url)
            route.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)
        else:
            route.abort()

    page.route("**/*", answer)
    return tiles
