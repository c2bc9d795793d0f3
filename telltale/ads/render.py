"""Draw an ad example as a sponsored post with its Page-transparency panel, with Pillow.

``render_ad(example)`` returns the picture and the bounding box of every part a red flag
can point at, so that ``highlight`` can outline the parts a learner should look at.
Everything is drawn from the lesson data, with the bundled Noto Sans font and no random
state: the same example gives the same pixels (the tests compare SHA-256 hashes).

The look follows the common social-network layout (white cards on grey, muted grey
secondary text, a blue "like"), with no real platform's name or logo.
"""
from __future__ import annotations

import hashlib
import math
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from telltale import i18n
from telltale.ads.faces import Face, default_library
from telltale.ads.fonts import BOLD, EXTRABOLD, REGULAR, SEMIBOLD, font
from telltale.ads.model import PARTS, AdExample, Avatar, Picture
from telltale.i18n import N_

WIDTH = 600  # pixels at scale 1
Box = tuple[int, int, int, int]  # (x0, y0, x1, y1), x1/y1 exclusive

# Palette: the grey/blue of a generic social feed.
CANVAS = (240, 242, 245)
CARD = (255, 255, 255)
INK = (5, 5, 5)
MUTED = (101, 103, 107)
DIVIDER = (228, 230, 235)
BORDER = (218, 221, 225)
SOFT = (240, 242, 245)
BUTTON = (228, 230, 235)
LIKE_BLUE = (35, 116, 225)
HEART_RED = (243, 62, 88)
STICKER = (255, 214, 10)
HIGHLIGHT = (255, 176, 0)
HIGHLIGHT_EDGE = (20, 20, 30)

CATEGORY_NOTES = {  # in English, translated where drawn
    "issue": N_("Ad about social issues, elections or politics"),
    "commercial": N_("Ad about products or services"),
    "community": N_("Ad from a local organisation"),
}

_DEFAULT_FACES = object()


class RenderedAd(NamedTuple):
    image: Image.Image  # RGB
    boxes: dict[str, Box]  # part -> box, for every part the post has


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------

def hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))  # type: ignore[return-value]


def format_date(day: date, language: str = i18n.DEFAULT) -> str:
    """"1 December 2026"; "1 de diciembre de 2026" in Spanish."""
    return i18n.day(language, day)


def compact_count(n: int, language: str = i18n.DEFAULT) -> str:
    """12 -> '12', 1234 -> '1.2K', 41200 -> '41K', 2_500_000 -> '2.5M' (feed style; '1,2 mil' in Spanish)."""
    if n < 1000:
        return str(n)
    tr = i18n.translations(language)
    if n < 1_000_000:
        value, form = n / 1000, tr.gettext("{number}K")
    else:
        value, form = n / 1_000_000, tr.gettext("{number}M")
    if value < 10:
        text = i18n.number(language, math.floor(value * 10) / 10, 1).removesuffix("0").rstrip(".,")
    else:
        text = str(math.floor(value))
    return form.format(number=text)


def _seed(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


class _Rand:
    """A tiny deterministic generator (SHA-256 counter), independent of library versions."""

    def __init__(self, seed: str):
        self._seed = seed
        self._n = 0

    def random(self) -> float:
        self._n += 1
        return _seed(f"{self._seed}/{self._n}") / 2 ** 64

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.random()


# ---------------------------------------------------------------------------------------
# Text layout
# ---------------------------------------------------------------------------------------

def line_width(text: str, fnt) -> int:
    """Width a line takes when drawn: its advance or its ink, whichever reaches further."""
    if not text:
        return 0
    return int(math.ceil(max(fnt.getlength(text), fnt.getbbox(text)[2])))


def wrap_text(text: str, fnt, width: int) -> list[str]:
    """Lines of ``text`` that each fit in ``width`` pixels with ``fnt``.

    Paragraph breaks are kept ("" marks a blank line); a word longer than the width is
    cut between characters, so no line ever overflows.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if line_width(candidate, fnt) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            if line_width(word, fnt) <= width:
                current = word
                continue
            piece = ""
            for char in word:
                if piece and line_width(piece + char, fnt) > width:
                    lines.append(piece)
                    piece = char
                else:
                    piece += char
            current = piece
        if current:
            lines.append(current)
    return lines


def fit_line(text: str, fnt, width: int) -> str:
    """``text`` on one line, cut with an ellipsis if it does not fit."""
    if line_width(text, fnt) <= width:
        return text
    while text and line_width(text + "…", fnt) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def words_fit(text: str, fnt, width: int) -> bool:
    """True if every word of ``text`` fits in ``width`` whole (so wrapping cuts no word)."""
    return all(line_width(word, fnt) <= width for word in text.split())


def _line_height(fnt, spacing: float = 1.0) -> int:
    ascent, descent = fnt.getmetrics()
    return int(round((ascent + descent) * spacing))


# ---------------------------------------------------------------------------------------
# Anti-aliased shapes: drawn 4x larger on a transparent tile, then scaled down
# ---------------------------------------------------------------------------------------

SUPER = 4


def _tile(width: int, height: int, paint: Callable[[ImageDraw.ImageDraw, float, float], None]) -> Image.Image:
    big = Image.new("RGBA", (width * SUPER, height * SUPER), (0, 0, 0, 0))
    paint(ImageDraw.Draw(big), width * SUPER, height * SUPER)
    return big.resize((width, height), Image.Resampling.LANCZOS)


def _paste(base: Image.Image, tile: Image.Image, x: int, y: int) -> None:
    base.paste(tile, (x, y), tile)


def _circle_mask(size: int) -> Image.Image:
    big = Image.new("L", (size * SUPER, size * SUPER), 0)
    ImageDraw.Draw(big).ellipse((0, 0, size * SUPER - 1, size * SUPER - 1), fill=255)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def _thumb(d: ImageDraw.ImageDraw, x: float, y: float, s: float, fill) -> None:
    """A 'like' thumb inside the square (x, y, s)."""
    d.rounded_rectangle((x + 0.18 * s, y + 0.46 * s, x + 0.33 * s, y + 0.84 * s), radius=0.03 * s, fill=fill)
    d.rounded_rectangle((x + 0.38 * s, y + 0.42 * s, x + 0.80 * s, y + 0.84 * s), radius=0.08 * s, fill=fill)
    d.polygon([(x + 0.38 * s, y + 0.48 * s), (x + 0.50 * s, y + 0.16 * s), (x + 0.60 * s, y + 0.18 * s),
               (x + 0.60 * s, y + 0.44 * s)], fill=fill)


def _heart(d: ImageDraw.ImageDraw, x: float, y: float, s: float, fill) -> None:
    r = 0.2 * s
    d.ellipse((x + 0.30 * s - r, y + 0.38 * s - r, x + 0.30 * s + r, y + 0.38 * s + r), fill=fill)
    d.ellipse((x + 0.70 * s - r, y + 0.38 * s - r, x + 0.70 * s + r, y + 0.38 * s + r), fill=fill)
    d.polygon([(x + 0.3 * s, y + 0.3 * s), (x + 0.7 * s, y + 0.3 * s), (x + 0.885 * s, y + 0.46 * s),
               (x + 0.5 * s, y + 0.86 * s), (x + 0.115 * s, y + 0.46 * s)], fill=fill)


def _reaction_badges(size: int) -> Image.Image:
    """The blue like and red heart badges, overlapping, with white rims."""
    def paint(d: ImageDraw.ImageDraw, w: float, h: float) -> None:
        s = h
        rim = 0.09 * s
        # heart badge behind (right), like badge in front (left)
        for cx, colour, glyph in ((s * 0.82, HEART_RED, _heart), (0.0, LIKE_BLUE, _thumb)):
            d.ellipse((cx, 0, cx + s - 1, s - 1), fill=(255, 255, 255, 255))
            d.ellipse((cx + rim, rim, cx + s - 1 - rim, s - 1 - rim), fill=colour + (255,))
            inner = s - 2 * rim
            glyph(d, cx + rim + inner * 0.18, rim + inner * 0.16, inner * 0.64, (255, 255, 255, 255))
    return _tile(int(round(size * 1.82)), size, paint)


def _globe(size: int, colour) -> Image.Image:
    def paint(d: ImageDraw.ImageDraw, w: float, h: float) -> None:
        lw = max(1, int(w * 0.09))
        d.ellipse((lw / 2, lw / 2, w - lw / 2, h - lw / 2), outline=colour + (255,), width=lw)
        d.ellipse((w * 0.3, lw / 2, w * 0.7, h - lw / 2), outline=colour + (255,), width=lw)
        d.line((lw, h / 2, w - lw, h / 2), fill=colour + (255,), width=lw)
    return _tile(size, size, paint)


def _dots(width: int, height: int, colour) -> Image.Image:
    def paint(d: ImageDraw.ImageDraw, w: float, h: float) -> None:
        r = h * 0.13
        for i in range(3):
            cx = w * (0.2 + 0.3 * i)
            d.ellipse((cx - r, h / 2 - r, cx + r, h / 2 + r), fill=colour + (255,))
    return _tile(width, height, paint)


def _action_icon(kind: str, size: int, colour) -> Image.Image:
    def paint(d: ImageDraw.ImageDraw, w: float, h: float) -> None:
        c = colour + (255,)
        lw = max(2, int(w * 0.08))
        if kind == "like":
            _thumb(d, 0, 0, w, c)
            inner = (255, 255, 255, 255)
            lw = w * 0.05  # outline thickness, relative so that any size works
            d.rounded_rectangle((0.18 * w + lw, 0.46 * h + lw, 0.33 * w - lw, 0.84 * h - lw), radius=0.01 * w, fill=inner)
            d.rounded_rectangle((0.38 * w + lw, 0.42 * h + lw, 0.80 * w - lw, 0.84 * h - lw), radius=0.05 * w, fill=inner)
        elif kind == "comment":
            d.rounded_rectangle((0.08 * w, 0.12 * h, 0.92 * w, 0.74 * h), radius=0.3 * w, outline=c, width=lw)
            d.polygon([(0.22 * w, 0.66 * h), (0.2 * w, 0.92 * h), (0.44 * w, 0.72 * h)], fill=c)
        else:  # share: an arrow leaving a curve
            d.arc((0.1 * w, 0.3 * h, 0.9 * w, 1.3 * h), 200, 290, fill=c, width=lw)
            d.polygon([(0.55 * w, 0.08 * h), (0.95 * w, 0.36 * h), (0.55 * w, 0.62 * h)], fill=c)
            d.line((0.3 * w, 0.36 * h, 0.6 * w, 0.36 * h), fill=c, width=lw)
    return _tile(size, size, paint)


def _row_icon(kind: str, size: int) -> Image.Image:
    """A small grey pictogram on a light circle, for the transparency rows."""
    def paint(d: ImageDraw.ImageDraw, w: float, h: float) -> None:
        d.ellipse((0, 0, w - 1, h - 1), fill=SOFT + (255,))
        c = (75, 79, 86, 255)
        lw = max(2, int(w * 0.06))
        if kind == "created":  # a flag on a pole
            d.line((0.34 * w, 0.24 * h, 0.34 * w, 0.78 * h), fill=c, width=lw)
            d.polygon([(0.36 * w, 0.25 * h), (0.7 * w, 0.25 * h), (0.62 * w, 0.37 * h), (0.7 * w, 0.49 * h),
                       (0.36 * w, 0.49 * h)], fill=c)
        elif kind == "managers":  # two people
            for cx, scale in ((0.4, 1.0), (0.64, 0.85)):
                r = 0.09 * w * scale
                d.ellipse((cx * w - r, 0.36 * h - r, cx * w + r, 0.36 * h + r), fill=c)
                d.pieslice((cx * w - 2 * r, 0.5 * h, cx * w + 2 * r, 0.5 * h + 4 * r), 180, 360, fill=c)
        elif kind == "history":  # a pencil
            d.polygon([(0.28 * w, 0.72 * h), (0.32 * w, 0.6 * h), (0.62 * w, 0.3 * h), (0.7 * w, 0.38 * h),
                       (0.4 * w, 0.68 * h)], fill=c)
            d.polygon([(0.65 * w, 0.27 * h), (0.7 * w, 0.22 * h), (0.78 * w, 0.3 * h), (0.73 * w, 0.35 * h)], fill=c)
        else:  # a receipt
            d.rectangle((0.32 * w, 0.24 * h, 0.68 * w, 0.76 * h), outline=c, width=lw)
            for y in (0.38, 0.5, 0.62):
                d.line((0.4 * w, y * h, 0.6 * w, y * h), fill=c, width=max(1, lw - 1))
    return _tile(size, size, paint)


# ---------------------------------------------------------------------------------------
# Avatars
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _face_image(path: str, size: int) -> Image.Image:
    with Image.open(path) as img:
        img = img.convert("RGB")
        side = min(img.size)
        left, top = (img.width - side) // 2, (img.height - side) // 2
        img = img.crop((left, top, left + side, top + side))
        return img.resize((size, size), Image.Resampling.LANCZOS)


def _logo_image(avatar: Avatar, size: int) -> Image.Image:
    logo = avatar.logo
    tile = Image.new("RGB", (size, size), hex_rgb(logo.background))
    fnt = font(max(6, int(size * (0.42 if len(logo.initials) < 3 else 0.32))), BOLD)
    ImageDraw.Draw(tile).text((size / 2, size / 2), logo.initials, font=fnt,
                              fill=hex_rgb(logo.foreground), anchor="mm")
    return tile


Group = Sequence[tuple[str, "str | None"]]  # (seed, face key) of avatars that should differ


def choose_face(avatar: Avatar, seed: str, faces=_DEFAULT_FACES, group: Group | None = None) -> Face | None:
    """The library face an avatar shows, or None (then the logo is drawn).

    ``seed`` (an ad's id, an account's handle) chooses among the faces a placeholder key
    allows. ``group`` lists the (seed, key) of every avatar shown alongside this one (a
    lesson's ads, a network's accounts): faces are then handed out so that no two in the
    group are the same, where the library has enough. ``faces``: a FaceLibrary, None for
    logos only, or by default the committed library.
    """
    library = default_library() if faces is _DEFAULT_FACES else faces
    if library is None or not avatar.face:
        return None
    if group is None:
        return library.pick(avatar.face, seed)
    pairs = list(group)
    if not any(s == seed for s, _ in pairs):
        pairs.append((seed, avatar.face))
    return library.assign(pairs).get(seed)


def ad_group(examples: Sequence[AdExample]) -> Group:
    """The (seed, key) group of a lesson's ads, for ``render_ad(..., group=...)``."""
    return tuple((e.id, e.page.avatar.face) for e in examples)


def render_avatar(avatar: Avatar, seed: str, size: int, faces=_DEFAULT_FACES,
                  group: Group | None = None) -> Image.Image:
    """The avatar as a round RGBA image: the library face if there is one, else the logo.

    Arguments as for ``choose_face``.
    """
    face = choose_face(avatar, seed, faces, group)
    picture = _face_image(str(face.path), size) if face is not None else _logo_image(avatar, size)
    out = picture.convert("RGBA")
    out.putalpha(_circle_mask(size))
    return out


def face_path(avatar: Avatar, seed: str, faces=_DEFAULT_FACES, group: Group | None = None) -> Path | None:
    """The library image an avatar shows (for overlays of a network's faces), or None."""
    face = choose_face(avatar, seed, faces, group)
    return face.path if face else None


# ---------------------------------------------------------------------------------------
# The ad's picture
# ---------------------------------------------------------------------------------------

def _linear(w: int, h: int, stops: Sequence[tuple[int, int, int]], angle_deg: float) -> np.ndarray:
    angle = math.radians(angle_deg)
    xs = np.linspace(0.0, 1.0, w, dtype=np.float64)[None, :]
    ys = np.linspace(0.0, 1.0, h, dtype=np.float64)[:, None]
    t = xs * math.cos(angle) * (w / max(w, h)) + ys * math.sin(angle) * (h / max(w, h))
    t = (t - t.min()) / max(1e-9, t.max() - t.min())
    return _ramp(t, stops)


def _ramp(t: np.ndarray, stops: Sequence[tuple[int, int, int]]) -> np.ndarray:
    arr = np.asarray(stops, dtype=np.float64)
    positions = np.linspace(0.0, 1.0, len(stops))
    out = np.empty(t.shape + (3,), dtype=np.float64)
    for c in range(3):
        out[..., c] = np.interp(t, positions, arr[:, c])
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def _shade_left(img: Image.Image, strength: float) -> Image.Image:
    """Darken the left side, where the headline sits, so white text stays readable."""
    w, h = img.size
    xs = np.linspace(0.0, 1.0, w)
    alpha = np.clip((0.75 - xs) / 0.75, 0, 1) * strength
    arr = np.asarray(img, dtype=np.float64) * (1 - alpha[None, :, None])
    return Image.fromarray(np.clip(np.rint(arr), 0, 255).astype(np.uint8), "RGB")


def _discs(w: int, h: int, discs: Sequence[tuple[float, float, float, tuple[int, int, int], int]]) -> Image.Image:
    """An RGBA layer of anti-aliased filled circles (cx, cy, r, colour, alpha), drawn with
    numpy (ImageDraw.ellipse has hard, stair-stepped edges)."""
    rgb = np.zeros((h, w, 3), dtype=np.float64)
    alpha = np.zeros((h, w), dtype=np.float64)
    for cx, cy, r, colour, a in discs:
        x0, x1 = max(0, int(cx - r - 1)), min(w, int(cx + r + 2))
        y0, y1 = max(0, int(cy - r - 1)), min(h, int(cy + r + 2))
        if x0 >= x1 or y0 >= y1:
            continue
        xs = np.arange(x0, x1, dtype=np.float64)[None, :] + 0.5
        ys = np.arange(y0, y1, dtype=np.float64)[:, None] + 0.5
        cover = np.clip(r - np.sqrt((xs - cx) ** 2 + (ys - cy) ** 2) + 0.5, 0.0, 1.0) * (a / 255.0)
        # "over" compositing of this disc onto what is there already
        old_a = alpha[y0:y1, x0:x1]
        new_a = cover + old_a * (1 - cover)
        safe = np.where(new_a > 0, new_a, 1.0)
        for c in range(3):
            old = rgb[y0:y1, x0:x1, c]
            rgb[y0:y1, x0:x1, c] = (colour[c] * cover + old * old_a * (1 - cover)) / safe
        alpha[y0:y1, x0:x1] = new_a
    out = np.dstack([rgb, alpha * 255.0])
    return Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8), "RGBA")


def _background(picture: Picture, w: int, h: int, seed: str) -> Image.Image:
    cols = [hex_rgb(c) for c in picture.colors]
    rnd = _Rand(seed)
    style = picture.style
    if style == "gradient":
        img = Image.fromarray(_linear(w, h, cols[:2], 30), "RGB").convert("RGBA")
        accent = cols[2] if len(cols) > 2 else _mix(cols[1], (255, 255, 255), 0.5)
        discs = []
        for _ in range(4):
            r = rnd.uniform(0.25, 0.6) * h
            cx, cy = rnd.uniform(0.35, 1.05) * w, rnd.uniform(-0.2, 1.2) * h
            discs.append((cx, cy, r, accent, 34))
        # blurred, so that thin slivers between two overlapping circles do not look like specks
        glow = _discs(w, h, discs).filter(ImageFilter.GaussianBlur(radius=max(1, h // 45)))
        img = Image.alpha_composite(img, glow).convert("RGB")
        return _shade_left(img, 0.28)
    if style == "stripes":
        xs = np.arange(w)[None, :]
        ys = np.arange(h)[:, None]
        band = h / 6.5
        idx = np.floor((ys * math.cos(0.14) - xs * math.sin(0.14) + 4 * band) / band).astype(int) % len(cols)
        arr = np.asarray(cols, dtype=np.uint8)[idx]
        return _shade_left(Image.fromarray(arr, "RGB"), 0.55)
    if style == "sunburst":
        cx, cy = 0.74 * w, 0.5 * h
        xs = np.arange(w)[None, :] - cx
        ys = np.arange(h)[:, None] - cy
        angle = np.arctan2(ys, xs)
        rays = (np.floor((angle + math.pi) / (2 * math.pi / 28)).astype(int) % 2).astype(np.float64)
        base = np.where(rays[..., None] > 0.5, np.asarray(cols[0], float), np.asarray(_mix(cols[0], cols[-1], 0.35), float))
        dist = np.sqrt(xs ** 2 + ys ** 2) / (0.55 * h)
        glow = np.clip(1.0 - dist, 0, 1)[..., None] ** 1.5
        arr = base * (1 - glow) + np.asarray(cols[1], float) * glow
        return _shade_left(Image.fromarray(np.clip(np.rint(arr), 0, 255).astype(np.uint8), "RGB"), 0.45)
    if style == "landscape":
        horizon = int(0.62 * h)
        sky = _linear(w, h, [cols[0], _mix(cols[0], (255, 255, 255), 0.65)], 90)
        img = Image.fromarray(sky, "RGB")
        d = ImageDraw.Draw(img)
        r = 0.09 * h
        d.ellipse((0.86 * w - r, 0.2 * h - r, 0.86 * w + r, 0.2 * h + r), fill=(255, 246, 200))
        far = _mix(cols[1], (255, 255, 255), 0.35)
        near = cols[2] if len(cols) > 2 else _mix(cols[1], (0, 0, 0), 0.3)
        phase = rnd.uniform(0, math.tau)
        back = [(x, horizon - 0.12 * h * (0.6 + 0.4 * math.sin(x / w * 5 + phase))) for x in range(0, w + 8, 8)]
        d.polygon(back + [(w, h), (0, h)], fill=far)
        front = [(x, horizon + 0.06 * h - 0.08 * h * math.sin(x / w * 3.3 + phase * 0.7)) for x in range(0, w + 8, 8)]
        d.polygon(front + [(w, h), (0, h)], fill=near)
        water = _mix(cols[0], (255, 255, 255), 0.25)
        river = []
        start = horizon + 0.03 * h
        for i in range(0, 41):
            t = i / 40
            y = start + t * (h + 2 - start)
            x = w * (0.5 - 0.12 * t + 0.05 * math.sin(t * math.pi * 2 + phase))
            half = 0.004 * w + 0.13 * w * t ** 1.6
            river.append((x, y, half))
        d.polygon([(x - s, y) for x, y, s in river] + [(x + s, y) for x, y, s in reversed(river)], fill=water)
        return img
    if style == "news":
        arr = _linear(w, h, [_mix(cols[1], (255, 255, 255), 0.12), cols[1]], 60)
        img = Image.fromarray(arr, "RGB")
        d = ImageDraw.Draw(img)
        for y in range(0, h, max(4, h // 40)):
            d.line((0, y, w, y), fill=_mix(cols[1], (255, 255, 255), 0.06), width=1)
        d.rectangle((0, int(0.8 * h), w, h), fill=cols[0])
        d.rectangle((0, int(0.8 * h) - max(2, h // 90), w, int(0.8 * h)), fill=cols[2] if len(cols) > 2 else (255, 255, 255))
        return img
    if style == "bokeh":
        img = Image.fromarray(_linear(w, h, [cols[0], cols[-1]], 120), "RGB").convert("RGBA")
        discs = []
        for i in range(22):
            r = rnd.uniform(0.04, 0.16) * h
            cx, cy = rnd.uniform(0, 1) * w, rnd.uniform(0, 1) * h
            colour = (255, 255, 255) if i % 3 == 0 else cols[1] if len(cols) > 2 else cols[0]
            discs.append((cx, cy, r, _mix(colour, (255, 255, 255), 0.3), 70))
        layer = _discs(w, h, discs).filter(ImageFilter.GaussianBlur(radius=max(1, h // 90)))
        return _shade_left(Image.alpha_composite(img, layer).convert("RGB"), 0.4)
    raise ValueError(f"unknown picture style {style!r}")


def _draw_icon(layer: Image.Image, kind: str, box: tuple[float, float, float], detail) -> None:
    """White pictogram ``kind`` in the square (x, y, size) of an RGBA layer."""
    d = ImageDraw.Draw(layer)
    x, y, s = box
    white = (255, 255, 255, 245)
    det = detail + (255,)

    def P(u: float, v: float) -> tuple[float, float]:
        return x + u * s, y + v * s

    def R(u0: float, v0: float, u1: float, v1: float) -> tuple[float, float, float, float]:
        return (*P(u0, v0), *P(u1, v1))

    lw = max(2, int(s * 0.03))
    if kind == "bottle":
        d.rounded_rectangle(R(0.40, 0.04, 0.60, 0.16), radius=0.02 * s, fill=det)
        d.rectangle(R(0.43, 0.15, 0.57, 0.28), fill=white)
        d.rounded_rectangle(R(0.27, 0.26, 0.73, 0.95), radius=0.09 * s, fill=white)
        d.rectangle(R(0.27, 0.48, 0.73, 0.74), fill=det)
        for v in (0.55, 0.61, 0.67):
            d.line((*P(0.36, v), *P(0.64, v)), fill=white, width=lw)
    elif kind == "coin":
        d.ellipse(R(0.06, 0.06, 0.94, 0.94), fill=white)
        d.ellipse(R(0.15, 0.15, 0.85, 0.85), outline=det, width=max(2, int(s * 0.035)))
        fnt = font(max(8, int(s * 0.42)), EXTRABOLD)
        d.text(P(0.5, 0.5), "N", font=fnt, fill=det, anchor="mm")
    elif kind == "boot":
        d.polygon([P(0.30, 0.06), P(0.58, 0.06), P(0.58, 0.56), P(0.86, 0.66), P(0.92, 0.78),
                   P(0.92, 0.9), P(0.24, 0.9), P(0.24, 0.6)], fill=white)
        d.rectangle(R(0.22, 0.86, 0.94, 0.94), fill=det)
        d.line((*P(0.3, 0.2), *P(0.58, 0.2)), fill=det, width=lw)
    elif kind == "bread":
        d.ellipse(R(0.06, 0.28, 0.94, 0.72), fill=white)
        d.rounded_rectangle(R(0.08, 0.5, 0.92, 0.84), radius=0.08 * s, fill=white)
        for u in (0.3, 0.48, 0.66):
            d.line((*P(u, 0.38), *P(u + 0.1, 0.56)), fill=det, width=max(2, int(s * 0.035)))
    elif kind == "drop":
        d.ellipse(R(0.2, 0.36, 0.8, 0.96), fill=white)
        d.polygon([P(0.5, 0.04), P(0.22, 0.58), P(0.78, 0.58)], fill=white)
        d.arc(R(0.3, 0.5, 0.7, 0.86), 100, 170, fill=det, width=max(2, int(s * 0.04)))
    elif kind == "heart":
        _heart(d, x, y, s, white)
    elif kind == "leaf":
        # a leaf along the diagonal from bottom-left to top-right, bulging either side
        side_a, side_b = [], []
        for i in range(0, 33):
            t = i / 32
            cu, cv = 0.14 + 0.76 * t, 0.86 - 0.76 * t
            bulge = 0.24 * math.sin(math.pi * t) ** 0.8 * (1 - 0.25 * t)
            side_a.append(P(cu - bulge * 0.707, cv - bulge * 0.707))
            side_b.append(P(cu + bulge * 0.707, cv + bulge * 0.707))
        d.polygon(side_a + list(reversed(side_b)), fill=white)
        d.line((*P(0.06, 0.94), *P(0.8, 0.2)), fill=det, width=max(2, int(s * 0.03)))
        for t in (0.35, 0.55, 0.75):
            cu, cv = 0.14 + 0.76 * t, 0.86 - 0.76 * t
            d.line((*P(cu, cv), *P(cu - 0.02, cv - 0.16)), fill=det, width=max(2, int(s * 0.02)))
            d.line((*P(cu, cv), *P(cu + 0.16, cv + 0.02)), fill=det, width=max(2, int(s * 0.02)))
    elif kind == "megaphone":
        d.polygon([P(0.24, 0.38), P(0.72, 0.12), P(0.72, 0.82), P(0.24, 0.6)], fill=white)
        d.rounded_rectangle(R(0.08, 0.36, 0.26, 0.62), radius=0.03 * s, fill=white)
        d.polygon([P(0.3, 0.6), P(0.42, 0.64), P(0.38, 0.88), P(0.28, 0.88)], fill=white)
        for r in (0.12, 0.22):
            d.arc(R(0.74 - r, 0.47 - r, 0.74 + r, 0.47 + r), -50, 50, fill=white, width=max(2, int(s * 0.035)))
    elif kind == "paper":
        d.rounded_rectangle(R(0.1, 0.14, 0.9, 0.86), radius=0.04 * s, fill=white)
        d.rectangle(R(0.18, 0.22, 0.82, 0.34), fill=det)
        for v in (0.44, 0.53, 0.62, 0.71):
            d.line((*P(0.18, v), *P(0.46, v)), fill=det, width=lw)
        d.rectangle(R(0.54, 0.42, 0.82, 0.74), fill=det)
    elif kind == "speech":
        d.rounded_rectangle(R(0.04, 0.1, 0.64, 0.52), radius=0.1 * s, fill=white)
        d.polygon([P(0.14, 0.48), P(0.1, 0.66), P(0.3, 0.5)], fill=white)
        d.rounded_rectangle(R(0.36, 0.42, 0.96, 0.82), radius=0.1 * s, fill=det)
        d.rounded_rectangle(R(0.38, 0.44, 0.94, 0.8), radius=0.09 * s, fill=white)
        d.polygon([P(0.84, 0.78), P(0.9, 0.94), P(0.7, 0.8)], fill=white)
        for u in (0.2, 0.34, 0.48):
            d.ellipse(R(u - 0.03, 0.28, u + 0.03, 0.34), fill=det)
    elif kind == "wrench":
        tile = Image.new("RGBA", (int(s), int(s)), (0, 0, 0, 0))
        t = ImageDraw.Draw(tile)
        t.rounded_rectangle((0.44 * s, 0.3 * s, 0.56 * s, 0.98 * s), radius=0.05 * s, fill=white)
        t.ellipse((0.27 * s, 0.02 * s, 0.73 * s, 0.48 * s), fill=white)
        t.rectangle((0.43 * s, 0.0, 0.57 * s, 0.2 * s), fill=(0, 0, 0, 0))
        tile = tile.rotate(-40, resample=Image.Resampling.BICUBIC)
        layer.alpha_composite(tile, (int(x), int(y)))
    elif kind == "ballot":
        d.rounded_rectangle(R(0.3, 0.06, 0.7, 0.5), radius=0.02 * s, fill=white)
        d.line([P(0.4, 0.28), P(0.48, 0.36), P(0.62, 0.16)], fill=det, width=max(2, int(s * 0.04)))
        d.rounded_rectangle(R(0.1, 0.42, 0.9, 0.94), radius=0.05 * s, fill=white)
        d.rectangle(R(0.28, 0.42, 0.72, 0.48), fill=det)
    else:
        raise ValueError(f"unknown icon {kind!r}")


def _soft_shadow(layer: Image.Image, blur: float, opacity: float) -> Image.Image:
    alpha = layer.getchannel("A").filter(ImageFilter.GaussianBlur(radius=blur))
    alpha = alpha.point(lambda v: int(v * opacity))
    shadow = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    shadow.putalpha(alpha)
    return shadow


def render_picture(picture: Picture, width: int, height: int, seed: str) -> Image.Image:
    """The ad's picture at (width, height), drawn twice as large and scaled down."""
    w, h = width * 2, height * 2
    img = _background(picture, w, h, seed).convert("RGBA")
    cols = [hex_rgb(c) for c in picture.colors]
    detail = _mix(cols[0], (0, 0, 0), 0.25)
    if picture.style == "sunburst":
        detail = _mix(cols[1], (0, 0, 0), 0.35)

    fg = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    text_right = 0.92 * w
    if picture.icon:
        size = 0.5 * h
        cx, cy = (0.77 * w, 0.52 * h) if picture.style != "news" else (0.8 * w, 0.4 * h)
        _draw_icon(fg, picture.icon, (cx - size / 2, cy - size / 2, size), detail)
        text_right = 0.58 * w
    elif picture.sticker:
        text_right = 0.7 * w
    elif picture.style == "landscape":
        text_right = 0.76 * w  # leave the sun in view

    # Headline and subline: the biggest size that fits the area in at most 4 lines.
    left = 0.06 * w
    area_w = int(text_right - left)
    bottom_limit = 0.76 * h if picture.style == "news" else 0.9 * h
    top_limit = 0.1 * h
    sub_font = font(max(8, int(0.058 * h)), SEMIBOLD)
    sub_lines = wrap_text(picture.subline, sub_font, area_w) if picture.subline and picture.style != "news" else []
    sub_h = len(sub_lines) * _line_height(sub_font) + (int(0.03 * h) if sub_lines else 0)
    size = int(0.16 * h)
    while True:
        head_font = font(size, EXTRABOLD)
        lines = wrap_text(picture.headline, head_font, area_w)
        lh = int(size * 1.12)
        block = len(lines) * lh + sub_h
        fits = len(lines) <= 4 and block <= bottom_limit - top_limit and words_fit(picture.headline, head_font, area_w)
        if fits or size <= int(0.06 * h):
            break
        size -= 2
    if picture.style == "landscape":
        y = top_limit
    else:
        y = top_limit + (bottom_limit - top_limit - block) / 2
    text_layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    td = ImageDraw.Draw(text_layer)
    colour = hex_rgb(picture.text_color) + (255,)
    text_top = y
    for line in lines:
        td.text((left, y), line, font=head_font, fill=colour, anchor="la")
        y += lh
    if sub_lines:
        y += int(0.03 * h)
        for line in sub_lines:
            td.text((left, y), line, font=sub_font, fill=colour, anchor="la")
            y += _line_height(sub_font)
    if picture.style == "landscape":
        # a translucent panel behind the text, since skies are light
        panel = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        widest = max(line_width(line, head_font) for line in lines)
        if sub_lines:
            widest = max(widest, max(line_width(line, sub_font) for line in sub_lines))
        pad = 0.03 * h
        ImageDraw.Draw(panel).rounded_rectangle(
            (left - pad, text_top - pad, left + widest + pad, y + pad * 0.6), radius=pad, fill=(0, 0, 0, 96))
        img = Image.alpha_composite(img, panel)
    if picture.style == "news" and picture.subline:
        band_font = font(max(8, int(0.062 * h)), BOLD)
        td.text((left, 0.9 * h), fit_line(picture.subline.upper(), band_font, int(0.88 * w)),
                font=band_font, fill=(255, 255, 255, 255), anchor="lm")

    img = Image.alpha_composite(img, _soft_shadow(fg, max(2, h // 120), 0.35))
    img = Image.alpha_composite(img, fg)
    img = Image.alpha_composite(img, _soft_shadow(text_layer, max(2, h // 160), 0.55))
    img = Image.alpha_composite(img, text_layer)

    if picture.sticker:
        diameter = int(0.34 * h)
        sticker = Image.new("RGBA", (diameter, diameter), (0, 0, 0, 0))
        sd = ImageDraw.Draw(sticker)
        sd.ellipse((0, 0, diameter - 1, diameter - 1), fill=STICKER + (255,))
        sd.ellipse((diameter * 0.06, diameter * 0.06, diameter * 0.94, diameter * 0.94),
                   outline=(26, 26, 26, 255), width=max(2, diameter // 60))
        inner = int(diameter * 0.7)
        s_size = int(diameter * 0.3)
        while True:
            s_font = font(s_size, EXTRABOLD)
            s_lines = wrap_text(picture.sticker, s_font, inner)
            fits = len(s_lines) <= 2 and len(s_lines) * s_size * 1.05 <= inner
            if fits and words_fit(picture.sticker, s_font, inner) or s_size <= 8:
                break
            s_size -= 2
        sy = diameter / 2 - (len(s_lines) - 1) * s_size * 1.05 / 2
        for line in s_lines:
            sd.text((diameter / 2, sy), line, font=s_font, fill=(26, 26, 26, 255), anchor="mm")
            sy += s_size * 1.05
        sticker = sticker.rotate(12, resample=Image.Resampling.BICUBIC, expand=False)
        img.alpha_composite(_soft_shadow(sticker, 6, 0.4), (int(w - diameter - 0.04 * w), int(0.06 * h)))
        img.alpha_composite(sticker, (int(w - diameter - 0.04 * w), int(0.05 * h)))

    return img.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)


# ---------------------------------------------------------------------------------------
# The post and its transparency panel
# ---------------------------------------------------------------------------------------

class _Layout:
    """Sizes at scale 1, multiplied out once."""

    def __init__(self, scale: int):
        self.s = scale

    def __call__(self, value: float) -> int:
        return int(round(value * self.s))


def text_box_width(scale: int = 1, width: int = WIDTH) -> int:
    """Width of the post's text column in pixels (the box the text must stay inside)."""
    u = _Layout(scale)
    return u(width) - 2 * u(12) - 2 * u(16)


def text_font(scale: int = 1):
    return font(_Layout(scale)(15), REGULAR)


def layout_post_text(text: str, scale: int = 1, width: int = WIDTH) -> list[str]:
    """The post text's lines exactly as render_ad lays them out."""
    return wrap_text(text, text_font(scale), text_box_width(scale, width))


def _transparency_rows(example: AdExample, language: str) -> list[tuple[str, str, str, list[tuple[str, bool]]]]:
    """(part, icon, label, [(value text, muted?)...]) for each transparency row."""
    tr = i18n.translations(language)
    t = example.transparency
    managers = ", ".join(f"{m.country} ({m.count})" for m in t.managers)
    if t.name_changes:
        history = []
        for change in t.name_changes:
            history.append((tr.gettext("Changed name from “{old}” to “{new}”").format(
                old=change.old_name, new=change.new_name), False))
            history.append((format_date(change.date, language), True))
    else:
        history = [(tr.gettext("No name changes"), False)]
    paid = [(t.paid_for_by or tr.gettext("No disclaimer"), False), (tr.gettext(CATEGORY_NOTES[example.category]), True)]
    return [
        ("transparency_created", "created", tr.gettext("Page created"), [(format_date(t.created_on, language), False)]),
        ("transparency_managers", "managers", tr.gettext("Where the people who manage this Page are"),
         [(managers, False)]),
        ("transparency_name_changes", "history", tr.gettext("Page history"), history),
        ("paid_for_by", "receipt", tr.gettext("Paid for by"), paid),
    ]


MIN_WIDTH = 360  # narrowest layout whose link preview, counts and action bar still fit


def render_ad(example: AdExample, *, scale: int = 1, faces=_DEFAULT_FACES,
              group: Group | None = None, width: int = WIDTH, language: str = i18n.DEFAULT) -> RenderedAd:
    """Draw ``example`` as a sponsored post with its Page-transparency panel below.

    Returns the RGB image (``width * scale`` pixels wide) and the box of every part in
    model.PARTS that the post has. ``faces``: a FaceLibrary, None to draw logos only, or
    by default the committed library in images/. Pass ``group=ad_group(lesson.examples)``
    so that no two ads of the lesson show the same face. ``width`` is the layout width at
    scale 1 (the feed column's width): narrower posts wrap their text into more lines, as
    on a phone. ``language``: the language of the app's own words on the post (the post's text
    comes from the lesson loaded in that language).
    """
    tr = i18n.translations(language)
    if scale < 1 or int(scale) != scale:
        raise ValueError("scale must be a whole number >= 1")
    if width < MIN_WIDTH:
        raise ValueError(f"width must be at least {MIN_WIDTH}")
    u = _Layout(int(scale))
    margin, pad = u(12), u(16)
    card_x0, card_x1 = margin, u(width) - margin
    inner_x0, inner_x1 = card_x0 + pad, card_x1 - pad
    inner_w = inner_x1 - inner_x0

    name_font = font(u(15), SEMIBOLD)
    small_font = font(u(13), REGULAR)
    body_font = text_font(int(scale))
    body_lh = u(21)
    para_gap = u(8)
    link_domain_font = font(u(12), REGULAR)
    link_title_font = font(u(15), SEMIBOLD)
    button_font = font(u(15), SEMIBOLD)
    count_font = font(u(14), REGULAR)
    action_font = font(u(14), SEMIBOLD)
    title_font = font(u(18), BOLD)
    label_font = font(u(13), REGULAR)
    value_font = font(u(15), REGULAR)

    # ---- measure -------------------------------------------------------------------
    avatar_size = u(40)
    header_top = margin + u(12)
    text_top = header_top + avatar_size + u(12)
    text_lines = wrap_text(example.text, body_font, inner_w)
    text_h = sum(para_gap if line == "" else body_lh for line in text_lines)
    picture_top = text_top + text_h + u(12)
    picture_h = int(round((card_x1 - card_x0) / 1.91))
    link_h = u(64) if example.link else 0
    engagement_top = picture_top + picture_h + link_h + u(10)
    engagement_h = u(22)
    divider_y = engagement_top + engagement_h + u(10)
    actions_h = u(40)
    card_bottom = divider_y + u(4) + actions_h + u(4)

    panel_top = card_bottom + u(12)
    label_x = inner_x0 + u(36) + u(12)
    value_w = inner_x1 - label_x
    subtitle = tr.gettext("Information to help you understand who runs this Page and who paid for this ad.")
    subtitle_lines = wrap_text(subtitle, label_font, inner_w)
    rows = _transparency_rows(example, language)
    row_layout = []
    y = panel_top + pad + u(26) + len(subtitle_lines) * u(18) + u(14)
    identity_top = y
    y += u(36) + u(12)
    for part, icon, label, values in rows:
        label_lines = wrap_text(label, label_font, value_w)
        value_lines: list[tuple[str, bool]] = []
        for text, muted in values:
            for line in wrap_text(text, label_font if muted else value_font, value_w):
                value_lines.append((line, muted))
        height = u(10) + len(label_lines) * u(18) + sum(u(18) if m else u(21) for _, m in value_lines) + u(10)
        height = max(height, u(56))
        row_layout.append((part, icon, label_lines, value_lines, y, height))
        y += height
    panel_bottom = y + u(8)
    image_h = panel_bottom + margin

    # ---- draw ----------------------------------------------------------------------
    img = Image.new("RGB", (u(width), image_h), CANVAS)
    d = ImageDraw.Draw(img)
    boxes: dict[str, Box] = {}
    radius = u(8)
    for top, bottom in ((margin, card_bottom), (panel_top, panel_bottom)):
        d.rounded_rectangle((card_x0 - 1, top - 1, card_x1, bottom), radius=radius + 1, fill=BORDER)
        d.rounded_rectangle((card_x0, top, card_x1 - 1, bottom - 1), radius=radius, fill=CARD)

    # header
    avatar = render_avatar(example.page.avatar, example.id, avatar_size, faces, group)
    _paste(img, avatar, inner_x0, header_top)
    boxes["avatar"] = (inner_x0 - u(2), header_top - u(2), inner_x0 + avatar_size + u(2), header_top + avatar_size + u(2))
    name_x = inner_x0 + avatar_size + u(10)
    name_w = inner_x1 - u(40) - name_x
    name = fit_line(example.page.name, name_font, name_w)
    name_y = header_top - u(1)
    d.text((name_x, name_y), name, font=name_font, fill=INK, anchor="la")
    nb = d.textbbox((name_x, name_y), name, font=name_font, anchor="la")
    boxes["page_name"] = (name_x - u(3), nb[1] - u(2), name_x + line_width(name, name_font) + u(3), nb[3] + u(1))
    sponsored_y = header_top + u(22)
    sponsored = tr.gettext("Sponsored") + " ·"
    d.text((name_x, sponsored_y), sponsored, font=small_font, fill=MUTED, anchor="la")
    globe_x = name_x + line_width(sponsored, small_font) + u(4)
    ascent = small_font.getmetrics()[0]
    globe = _globe(u(12), MUTED)
    _paste(img, globe, globe_x, sponsored_y + ascent - u(11))
    _paste(img, _dots(u(22), u(8), MUTED), inner_x1 - u(24), header_top + u(6))

    # text
    y = text_top
    for line in text_lines:
        if line == "":
            y += para_gap
            continue
        d.text((inner_x0, y), line, font=body_font, fill=INK, anchor="la")
        y += body_lh
    # the box is the text column (which no line exceeds) plus a little air
    boxes["text"] = (inner_x0 - u(4), text_top - u(2), inner_x0 + inner_w + u(4), text_top + text_h + u(2))

    # picture
    pic = render_picture(example.picture, card_x1 - card_x0, picture_h, example.id)
    img.paste(pic, (card_x0, picture_top))
    boxes["picture"] = (card_x0, picture_top, card_x1, picture_top + picture_h)

    # link preview
    if example.link:
        top, bottom = picture_top + picture_h, picture_top + picture_h + link_h
        d.rectangle((card_x0, top, card_x1 - 1, bottom - 1), fill=SOFT)
        d.line((card_x0, bottom - 1, card_x1 - 1, bottom - 1), fill=DIVIDER, width=1)
        button_text = example.link.button
        button_w = line_width(button_text, button_font) + u(24)
        button_h = u(36)
        bx1 = inner_x1
        bx0 = bx1 - button_w
        by0 = top + (link_h - button_h) // 2
        d.rounded_rectangle((bx0, by0, bx1, by0 + button_h), radius=u(6), fill=BUTTON)
        d.text(((bx0 + bx1) / 2, by0 + button_h / 2), button_text, font=button_font, fill=INK, anchor="mm")
        text_w = bx0 - u(12) - inner_x0
        d.text((inner_x0, top + u(12)), fit_line(example.link.domain.upper(), link_domain_font, text_w),
               font=link_domain_font, fill=MUTED, anchor="la")
        d.text((inner_x0, top + u(30)), fit_line(example.link.title, link_title_font, text_w),
               font=link_title_font, fill=INK, anchor="la")
        boxes["link"] = (card_x0, top, card_x1, bottom)

    # engagement counts
    e = example.engagement
    badge = _reaction_badges(u(18))
    by = engagement_top + (engagement_h - u(18)) // 2
    _paste(img, badge, inner_x0, by)
    count_y = engagement_top + engagement_h // 2
    d.text((inner_x0 + badge.width + u(6), count_y), compact_count(e.reactions, language), font=count_font,
           fill=MUTED, anchor="lm")
    comments = tr.ngettext("{count} comment", "{count} comments", e.comments).format(
        count=compact_count(e.comments, language))
    shares = tr.ngettext("{count} share", "{count} shares", e.shares).format(count=compact_count(e.shares, language))
    right = f"{comments}    {shares}"
    d.text((inner_x1, count_y), right, font=count_font, fill=MUTED, anchor="rm")
    boxes["engagement"] = (inner_x0 - u(4), engagement_top - u(4), inner_x1 + u(4), engagement_top + engagement_h + u(4))

    # action bar
    d.line((inner_x0, divider_y, inner_x1 - 1, divider_y), fill=DIVIDER, width=max(1, u(1)))
    third = inner_w / 3
    actions = (("like", tr.gettext("Like")), ("comment", tr.gettext("Comment")), ("share", tr.gettext("Share")))
    for i, (kind, label) in enumerate(actions):
        cx = inner_x0 + third * (i + 0.5)
        cy = divider_y + u(4) + actions_h // 2
        icon = _action_icon(kind, u(18), MUTED)
        total = icon.width + u(6) + line_width(label, action_font)
        x0 = int(round(cx - total / 2))
        _paste(img, icon, x0, cy - icon.height // 2)
        d.text((x0 + icon.width + u(6), cy), label, font=action_font, fill=MUTED, anchor="lm")

    # transparency panel
    d.text((inner_x0, panel_top + pad), tr.gettext("Page transparency"), font=title_font, fill=INK, anchor="la")
    y = panel_top + pad + u(26)
    for line in subtitle_lines:
        d.text((inner_x0, y), line, font=label_font, fill=MUTED, anchor="la")
        y += u(18)
    small_avatar = render_avatar(example.page.avatar, example.id, u(36), faces, group)
    _paste(img, small_avatar, inner_x0, identity_top)
    ix = inner_x0 + u(36) + u(12)
    d.text((ix, identity_top), fit_line(example.page.name, name_font, inner_x1 - ix), font=name_font, fill=INK, anchor="la")
    followers = tr.ngettext("{count} follower", "{count} followers", example.page.followers).format(
        count=i18n.grouped(language, example.page.followers))
    fy = identity_top + u(20)
    d.text((ix, fy), followers, font=label_font, fill=MUTED, anchor="la")
    fb = d.textbbox((ix, fy), followers, font=label_font, anchor="la")
    boxes["followers"] = (ix - u(2), fb[1] - u(2), ix + line_width(followers, label_font) + u(2), fb[3] + u(3))

    for part, icon, label_lines, value_lines, top, height in row_layout:
        d.line((inner_x0, top, inner_x1 - 1, top), fill=DIVIDER, width=max(1, u(1)))
        _paste(img, _row_icon(icon, u(36)), inner_x0, top + u(10))
        y = top + u(10)
        for line in label_lines:
            d.text((label_x, y), line, font=label_font, fill=MUTED, anchor="la")
            y += u(18)
        for line, muted in value_lines:
            d.text((label_x, y), line, font=label_font if muted else value_font,
                   fill=MUTED if muted else INK, anchor="la")
            y += u(18) if muted else u(21)
        boxes[part] = (inner_x0 - u(4), top + u(3), inner_x1 + u(4), top + height - u(2))

    assert set(boxes) <= set(PARTS)
    return RenderedAd(img, boxes)


# ---------------------------------------------------------------------------------------
# Highlighting
# ---------------------------------------------------------------------------------------

def highlight(image: Image.Image, boxes: dict[str, Box], parts: Sequence[str],
              scale: float | None = None) -> Image.Image:
    """A copy of ``image`` with each part in ``parts`` outlined and numbered 1, 2, ...

    Numbers follow the order of ``parts``; a part named twice gets one outline with both
    numbers. Outlines are amber with a dark edge, visible on light and dark areas alike.
    ``scale`` is the one the post was rendered at (by default guessed from a 600-pixel layout).
    """
    unknown = [p for p in parts if p not in boxes]
    if unknown:
        raise KeyError(f"no box for part(s) {', '.join(unknown)}; known: {', '.join(boxes)}")
    out = image.convert("RGB").copy()
    d = ImageDraw.Draw(out)
    unit = max(1.0, scale if scale is not None else out.width / WIDTH)
    line = max(3, int(round(3 * unit)))
    gap = max(1, int(round(1 * unit)))
    numbers: dict[str, list[int]] = {}
    for index, part in enumerate(parts, start=1):
        numbers.setdefault(part, []).append(index)
    badge_font = font(int(round(13 * unit)), BOLD)
    for part, nums in numbers.items():
        x0, y0, x1, y1 = boxes[part]
        grow = line + gap
        x0, y0 = max(1, x0 - grow), max(1, y0 - grow)
        x1, y1 = min(out.width - 2, x1 + grow), min(out.height - 2, y1 + grow)
        d.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), outline=HIGHLIGHT_EDGE, width=1)
        d.rectangle((x0, y0, x1, y1), outline=HIGHLIGHT, width=line)
        d.rectangle((x0 + line, y0 + line, x1 - line, y1 - line), outline=HIGHLIGHT_EDGE, width=1)
    placed: list[tuple[int, int, int, int]] = []
    for part, nums in numbers.items():
        x0, y0, x1, y1 = boxes[part]
        label = ",".join(str(n) for n in nums)
        h = int(round(22 * unit))
        w = max(h, line_width(label, badge_font) + int(round(12 * unit)))
        # on a corner of the outline: top-left, unless another badge is there already
        out_x0, out_y0 = x0 - line - gap - h // 3, y0 - line - gap - h // 3
        out_x1, out_y1 = x1 + line + gap + h // 3 - w, y1 + line + gap + h // 3 - h
        bx = by = 0
        for cx, cy in ((out_x0, out_y0), (out_x1, out_y0), (out_x0, out_y1), (out_x1, out_y1)):
            bx = min(max(0, cx), out.width - w)
            by = min(max(0, cy), out.height - h)
            if not any(bx < px1 + 2 and px0 < bx + w + 2 and by < py1 + 2 and py0 < by + h + 2
                       for px0, py0, px1, py1 in placed):
                break
        else:
            bx, by = min(max(0, out_x0), out.width - w), min(max(0, out_y0), out.height - h)
        placed.append((bx, by, bx + w, by + h))
        tile = _tile(w, h, lambda dd, W, H: (
            dd.rounded_rectangle((0, 0, W - 1, H - 1), radius=H / 2, fill=HIGHLIGHT_EDGE + (255,)),
            dd.rounded_rectangle((H * 0.08, H * 0.08, W - 1 - H * 0.08, H - 1 - H * 0.08), radius=H * 0.42,
                                 fill=HIGHLIGHT + (255,))))
        _paste(out, tile, bx, by)
        d.text((bx + w / 2, by + h / 2), label, font=badge_font, fill=HIGHLIGHT_EDGE, anchor="mm")
    return out


def png_bytes(image: Image.Image) -> bytes:
    """PNG encoding with fixed settings and no metadata (stable bytes for a given image)."""
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


__all__ = ["MIN_WIDTH", "RenderedAd", "WIDTH", "ad_group", "choose_face", "compact_count", "face_path", "fit_line", "format_date", "highlight",
           "layout_post_text", "line_width", "png_bytes", "render_ad", "render_avatar", "render_picture",
           "text_box_width", "text_font", "wrap_text"]
