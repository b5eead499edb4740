"""Draw the demo event's certificate logo and signature (resources/demo-logo.png, resources/demo-signature.png)."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
BLUE, GOLD, INK = (31, 78, 121, 255), (242, 169, 0, 255), (20, 40, 90, 255)


def _font(size: int) -> ImageFont.FreeTypeFont:
    fonts = sorted((RESOURCES / "fonts").rglob("*Bold*.ttf")) or sorted((RESOURCES / "fonts").rglob("*.ttf"))
    return ImageFont.truetype(str(fonts[0]), size)


def logo(path: Path) -> None:
    img = Image.new("RGBA", (720, 240), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((10, 20, 210, 220), radius=36, fill=BLUE)
    cx, cy = 110, 135
    for k in range(12):  # a rising sun: follow-the-sun
        a = math.pi * k / 11
        d.line((cx + 52 * math.cos(a), cy - 52 * math.sin(a), cx + 80 * math.cos(a), cy - 80 * math.sin(a)),
               fill=GOLD, width=9)
    d.pieslice((cx - 42, cy - 42, cx + 42, cy + 42), 180, 360, fill=GOLD)
    d.rectangle((40, cy + 8, 180, cy + 16), fill=GOLD)
    d.text((240, 50), "Northwind", font=_font(72), fill=BLUE)
    d.text((242, 135), "Learning Academy", font=_font(44), fill=(90, 100, 115, 255))
    img.save(path, optimize=True)


def signature(path: Path) -> None:
    img = Image.new("RGBA", (640, 180), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    points = []
    for i in range(900):  # a cursive hand: loops where the pen runs back faster than it moves on
        t = i / 899
        x = 40 + 520 * t - 24 * math.sin(2 * math.pi * 6 * t)
        y = 95 - (34 - 14 * t) * math.cos(2 * math.pi * 6 * t) - 18 * math.sin(math.pi * 1.5 * t)
        points.append((x, y))
    d.line(points, fill=INK, width=4, joint="curve")
    d.line([(70, 150), (300, 140), (560, 132)], fill=INK, width=3, joint="curve")  # the flourish under it
    img.save(path, optimize=True)


if __name__ == "__main__":
    logo(RESOURCES / "demo-logo.png")
    signature(RESOURCES / "demo-signature.png")
