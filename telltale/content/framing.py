"""How a quiz image is cut from its source: a square, possibly turned, anywhere in the source.

GAN faces come out of the generator lined up (eyes always at the same spot of the frame), real
portraits do not. Shown whole, that alignment alone tells GAN from real (a template match on
tiny thumbnails does it), so every quiz image is framed the way people post photos: a square
of some size, at some offset, turned a little. ``telltale/content/framing.yaml`` holds each
image's frame (planned by ``scripts/plan_framing.py``); the build applies it.

A frame is (centre_x, centre_y, side, angle) in source pixels and degrees: the square of
``side`` centred on the point, turned by ``angle`` (positive: the picture's content turns
clockwise). Only Pillow and numpy; nothing here runs in the app.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image

FRAMING_PATH = Path(__file__).with_name("framing.yaml")


@dataclass(frozen=True)
class Frame:
    centre_x: float
    centre_y: float
    side: float
    angle: float = 0.0
    # AI images only: the width in pixels whose fine detail the framed picture keeps (it is
    # framed at this size, then scaled to the build's side), copied from the real portrait it
    # imitates, so that sharpness matches too. 0: the build's default.
    detail: float = 0.0

    @classmethod
    def of_box(cls, box: tuple[int, int, int, int]) -> "Frame":
        """The upright square crop x0, y0, x1, y1."""
        x0, y0, x1, y1 = box
        return cls((x0 + x1) / 2, (y0 + y1) / 2, float(x1 - x0), 0.0)

    def describe(self) -> str:
        """As written in the manifest's source column."""
        text = (f"crop square {self.side:.0f} centred {self.centre_x:.0f},{self.centre_y:.0f} "
                f"turned {self.angle:+.1f}")
        return text + (f" detail {self.detail:.0f}" if self.detail else "")

    def _axes(self) -> tuple[float, float]:
        radians = math.radians(self.angle)
        return math.cos(radians), math.sin(radians)

    def to_source(self, u: float, v: float) -> tuple[float, float]:
        """A point of the framed picture (fractions 0..1) in source pixels."""
        cos, sin = self._axes()
        px, py = (u - 0.5) * self.side, (v - 0.5) * self.side
        return self.centre_x + cos * px - sin * py, self.centre_y + sin * px + cos * py

    def from_source(self, x: float, y: float) -> tuple[float, float]:
        """A source pixel as fractions of the framed picture (outside 0..1 when cut off)."""
        cos, sin = self._axes()
        dx, dy = x - self.centre_x, y - self.centre_y
        return (cos * dx + sin * dy) / self.side + 0.5, (-sin * dx + cos * dy) / self.side + 0.5

    def corners(self) -> list[tuple[float, float]]:
        return [self.to_source(u, v) for u, v in ((0, 0), (1, 0), (1, 1), (0, 1))]

    def fits(self, width: int, height: int) -> bool:
        """Whether the whole square lies inside a width x height source."""
        return all(-0.5 <= x <= width + 0.5 and -0.5 <= y <= height + 0.5 for x, y in self.corners())

    def apply(self, image: Image.Image, out_side: int) -> Image.Image:
        """The framed square at out_side x out_side. A large source is first scaled down with
        Lanczos (an affine transform alone would alias), then turned and cut with bicubic."""
        factor = self.side / out_side
        if factor > 1.25:
            step = factor / 1.1
            small = image.convert("RGB").resize((round(image.width / step), round(image.height / step)),
                                                Image.Resampling.LANCZOS)
            sx, sy = small.width / image.width, small.height / image.height
            inner = Frame(self.centre_x * sx, self.centre_y * sy, self.side * sx, self.angle)
            return inner.apply(small, out_side)
        cos, sin = self._axes()
        scale = self.side / out_side
        # Pillow's affine maps output coordinates (pixel i spans i..i+1) to input coordinates.
        left, top = self.to_source(0.0, 0.0)
        a, b, c = cos * scale, -sin * scale, left
        d, e, f = sin * scale, cos * scale, top
        return image.convert("RGB").transform(
            (out_side, out_side), Image.Transform.AFFINE, (a, b, c, d, e, f),
            resample=Image.Resampling.BICUBIC)


def move_box(box, old: Frame, new: Frame) -> tuple[tuple[float, float, float, float], float]:
    """A clue box drawn on the old framing, on the new one: the upright box around its four
    turned corners, clipped to the picture, and the share of it that stays in the picture."""
    x0, y0, x1, y1 = box
    points = [new.from_source(*old.to_source(u, v)) for u, v in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    us, vs = [p[0] for p in points], [p[1] for p in points]
    raw = (min(us), min(vs), max(us), max(vs))
    clipped = (max(raw[0], 0.0), max(raw[1], 0.0), min(raw[2], 1.0), min(raw[3], 1.0))
    area = (raw[2] - raw[0]) * (raw[3] - raw[1])
    kept = max(0.0, clipped[2] - clipped[0]) * max(0.0, clipped[3] - clipped[1])
    return clipped, (kept / area if area > 0 else 0.0)


def load_framing(path: Path | str = FRAMING_PATH) -> dict[str, dict[str, Frame]]:
    """{kind: {source key: Frame}} from framing.yaml (empty when the file does not exist)."""
    path = Path(path)
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    framing: dict[str, dict[str, Frame]] = {}
    for kind, frames in data.items():
        if kind == "seed":
            continue
        framing[kind] = {str(key): Frame(*(float(v) for v in value)) for key, value in (frames or {}).items()}
    return framing


_UPRIGHT = re.compile(r" crop (\d+),(\d+),(\d+),(\d+)$")
_SQUARE = re.compile(r" crop square (\d+) centred (-?\d+),(-?\d+) turned ([+-]\d+(?:\.\d+)?)(?: detail (\d+))?$")


def frame_of_source(source: str, whole_side: int = 1024) -> Frame:
    """The frame a manifest ``source`` records; no crop means the generator's whole frame."""
    match = _SQUARE.search(source)
    if match:
        side, x, y, angle, detail = match.groups()
        return Frame(float(x), float(y), float(side), float(angle), float(detail or 0))
    match = _UPRIGHT.search(source)
    if match:
        return Frame.of_box(tuple(int(v) for v in match.groups()))  # type: ignore[arg-type]
    return Frame(whole_side / 2, whole_side / 2, float(whole_side), 0.0)
