"""Fonts for the ad renderer, shipped by a Python dependency (never the system's fonts).

Noto Sans (OFL-1.1) comes from the PyPI package ``fontpkg-noto-sans`` as one variable
font (weight 100-900); it covers Latin, Greek and Cyrillic. Text is laid out with
Pillow's BASIC engine on purpose: the result then does not depend on whether libraqm
happens to be installed, so the same data gives the same pixels everywhere.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

import fontpkg_noto_sans

FONT_PATH: Path = Path(fontpkg_noto_sans.ROOT) / "files" / "NotoSans[wdth,wght].ttf"
REGULAR, MEDIUM, SEMIBOLD, BOLD, EXTRABOLD = 400, 500, 600, 700, 800

# A private-use code point: Noto has no glyph for it, so it draws the .notdef box ("tofu").
_NOTDEF_PROBE = "\ue000"


@lru_cache(maxsize=128)
def font(size: int, weight: int = REGULAR) -> ImageFont.FreeTypeFont:
    """Noto Sans at ``size`` pixels and ``weight`` (100-900). Cached: do not modify."""
    loaded = ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)
    axes = []
    for axis in loaded.get_variation_axes():
        name = axis["name"].decode() if isinstance(axis["name"], bytes) else str(axis["name"])
        if name.lower().startswith("weight"):
            axes.append(max(axis["minimum"], min(axis["maximum"], weight)))
        else:
            axes.append(axis["default"])
    loaded.set_variation_by_axes(axes)
    return loaded


def _mask_signature(face: ImageFont.FreeTypeFont, char: str) -> tuple:
    mask = face.getmask(char)
    return mask.size, bytes(mask)


@lru_cache(maxsize=4096)
def has_glyph(char: str) -> bool:
    """True if Noto Sans draws ``char`` itself rather than the .notdef box."""
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn"):
        return True
    probe = font(40)
    if _mask_signature(probe, char) == _mask_signature(probe, _NOTDEF_PROBE):
        return False
    return bool(probe.getmask(char).getbbox())


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` the font cannot draw, in first-seen order (empty: all fine)."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen and not has_glyph(char):
            seen[char] = None
    return list(seen)


__all__ = ["BOLD", "EXTRABOLD", "FONT_PATH", "MEDIUM", "REGULAR", "SEMIBOLD", "font",
           "has_glyph", "missing_glyphs"]
