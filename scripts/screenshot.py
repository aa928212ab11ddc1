"""Take screenshots of Prongsai pages in headless Chromium (maintainer tool).

    .venv/bin/python scripts/screenshot.py --base http://127.0.0.1:8000 \
        --login admin@bandong.example --password prongsai-demo \
        --totp-secret JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP /bandong/staff/ /bandong/

Writes one PNG per page and width into ``screenshots/``.
"""

import argparse
import base64
import hashlib
import hmac
import re
import struct
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def totp(secret: str) -> str:
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(
        key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--login")
    parser.add_argument("--password")
    parser.add_argument("--totp-secret")
    parser.add_argument("--language", default="th")
    parser.add_argument("--widths", default="390,1280")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        state = None
        for width in [int(w) for w in args.widths.split(",")]:
            context = browser.new_context(
                viewport={"width": width, "height": 900},
                locale=args.language,
                storage_state=state,
            )
            page = context.new_page()
            if args.login and state is None:
                page.goto(args.base + "/accounts/login/")
                page.fill("input[name=login]", args.login)
                page.fill("input[name=password]", args.password)
                page.locator("form.auth-form button[type=submit]").first.click()
                if args.totp_secret and page.locator("input[name=code]").count():
                    page.fill("input[name=code]", totp(args.totp_secret))
                    page.locator("form.auth-form button[type=submit]").first.click()
                state = context.storage_state()
            for path in args.paths:
                page.goto(args.base + path)
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
