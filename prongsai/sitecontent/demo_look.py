"""Pictures the demo organisation's site is dressed in: a banner, a logo and a
LINE QR code, drawn with Pillow (nothing downloaded)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile


def _save(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def banner() -> ContentFile:
    """Rice fields under a morning sky, with a hall on the horizon."""
    from PIL import Image, ImageDraw

    width, height = 1600, 600
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # sky: pale blue to warm near the horizon
        t = y / 330
        draw.line(
            [(0, y), (width, y)],
            fill=(int(120 + 120 * t), int(180 + 50 * t), int(235 - 40 * t)),
        )
    draw.ellipse([1180, 70, 1300, 190], fill=(255, 236, 170))
    draw.polygon(
        [(0, 330), (400, 270), (900, 320), (1600, 260), (1600, 600), (0, 600)],
        fill=(70, 130, 70),
    )
    for i in range(14):  # paddy rows
        y = 340 + i * 20
        draw.line([(0, y), (width, y - 40 + i * 4)], fill=(95, 160, 80), width=6)
    # the hall (ศาลา): steps, body, two-tier roof
    draw.rectangle([640, 250, 960, 330], fill=(245, 240, 225))
    draw.polygon([(600, 255), (800, 170), (1000, 255)], fill=(160, 60, 40))
    draw.polygon([(680, 200), (800, 130), (920, 200)], fill=(185, 75, 45))
    for x in range(670, 960, 50):
        draw.rectangle([x, 262, x + 14, 330], fill=(200, 180, 150))
    return ContentFile(_save(image), name="banner.png")


def logo() -> ContentFile:
    """A round seal: a lotus over water in the organisation's blue."""
    from PIL import Image, ImageDraw

    size = 512
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        [8, 8, size - 8, size - 8],
        fill=(255, 255, 255),
        outline=(21, 94, 117),
        width=22,
    )
    draw.ellipse([60, 60, size - 60, size - 60], outline=(21, 94, 117), width=6)
    for dx in (-110, -55, 0, 55, 110):  # petals
        height = 170 - abs(dx)
        draw.ellipse([226 + dx, 300 - height, 286 + dx, 320], fill=(200, 70, 110))
    for y in (350, 380, 410):
        draw.arc([130, y - 20, 382, y + 20], 20, 160, fill=(21, 94, 117), width=8)
    return ContentFile(_save(image), name="logo.png")


def line_qr(url: str) -> ContentFile:
    """The QR code of the LINE Official Account's add-friend link."""
    import qrcode

    code = qrcode.QRCode(border=2, box_size=10)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image()
    return ContentFile(_save(image.convert("RGB")), name="line-qr.png")
