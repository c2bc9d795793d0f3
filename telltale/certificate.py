"""The downloadable certificate: a PNG drawn with Noto Sans (the ads' font, shipped by a Python
package; no system fonts), which has every letter of the course's languages (á, ñ, ¿, ′)."""
from __future__ import annotations

import io
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from telltale import i18n
from telltale.ads import fonts

WIDTH, HEIGHT = 1200, 800
INK = (20, 33, 61)
ACCENT = (29, 78, 216)
PAPER = (250, 248, 242)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return fonts.font(size, fonts.REGULAR)


def _fitting(text: str, size: int, width: int) -> ImageFont.ImageFont:
    """The font at ``size``, or smaller if the text would be wider than ``width`` (a longer translation)."""
    while size > 16 and _font(size).getlength(text) > width:
        size -= 2
    return _font(size)


def certificate_png(name: str, lines: list[str], on: date, language: str = i18n.DEFAULT) -> bytes:
    """`name` is only drawn, never stored; `lines` are the learner's result sentences (in the language)."""
    tr = i18n.translations(language)
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 24, WIDTH - 25, HEIGHT - 25), outline=ACCENT, width=6)
    draw.rectangle((40, 40, WIDTH - 41, HEIGHT - 41), outline=INK, width=1)
    centre = WIDTH // 2
    draw.text((centre, 120), "TELLTALE", fill=ACCENT, font=_font(40), anchor="mm")
    draw.text((centre, 200), tr.gettext("Certificate of completion"), fill=INK, font=_fitting(
        tr.gettext("Certificate of completion"), 60, WIDTH - 160), anchor="mm")
    draw.text((centre, 290), (name.strip()[:40] or tr.gettext("A Telltale learner")), fill=INK, font=_font(52), anchor="mm")
    completed = tr.gettext("completed the course \u201cCan you spot a fake face?\u201d")
    draw.text((centre, 360), completed, fill=INK, font=_fitting(completed, 30, WIDTH - 160), anchor="mm")
    y = 450
    for line in lines[:5]:
        draw.text((centre, y), line, fill=INK, font=_font(28), anchor="mm")
        y += 48
    draw.text((centre, HEIGHT - 90), i18n.day(language, on), fill=INK, font=_font(26), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
