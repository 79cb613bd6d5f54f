"""The demo's lead photo as a PNG: a harbour at dusk, drawn, so no photo file is shipped.

The article pages open with it (a raster image, which a terminal can show: the cards'
thumbnails stay `static/photo.svg`). Drawn once per server, the same every time.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO

WIDTH, HEIGHT = 480, 270


@cache
def harbour_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    horizon = HEIGHT * 3 // 5
    for y in range(horizon):  # the sky, from deep blue to a warm horizon
        t = y / horizon
        draw.line(
            [(0, y), (WIDTH, y)], fill=(int(40 + 200 * t), int(60 + 90 * t), int(140 - 60 * t))
        )
    for y in range(horizon, HEIGHT):  # the water, darker away from the light
        t = (y - horizon) / (HEIGHT - horizon)
        draw.line(
            [(0, y), (WIDTH, y)], fill=(int(30 + 40 * t), int(70 + 30 * t), int(110 + 20 * t))
        )
    draw.ellipse([WIDTH * 0.62, horizon - 48, WIDTH * 0.62 + 56, horizon + 8], fill=(250, 200, 110))
    for x, height in ((70, 120), (170, 150), (300, 110)):  # three cranes on the quay
        top = horizon - height
        draw.rectangle([x, top, x + 8, horizon], fill=(25, 25, 35))
        draw.line([(x - 40, top + 6), (x + 90, top + 6)], fill=(25, 25, 35), width=6)
        draw.line([(x + 70, top + 6), (x + 70, top + 50)], fill=(25, 25, 35), width=2)
    draw.rectangle([0, horizon, WIDTH, horizon + 10], fill=(35, 35, 45))  # the quay
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
