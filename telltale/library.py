"""The loaded content: image manifest plus face lessons, and the pictures the pages show.

Loaded once per server process (the app caches it); every method is a pure read.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from telltale import IMAGES_DIR, LESSONS_DIR, i18n
from telltale.content.lessons import Clue, FaceItem, FaceLessons, face_content
from telltale.content.manifest import ImageEntry
from telltale.content.problems import ContentError, Problem
from telltale.images import average_faces, display_jpeg

HIGHLIGHT = (255, 212, 0)  # yellow on a black outline reads on light and dark pictures
OUTLINE = (0, 0, 0)
DISPLAY_SIZE = 400


def badge_font(size: int) -> ImageFont.ImageFont:
    # Pillow's bundled scalable font: no system font needed.
    return ImageFont.load_default(size=size)


def draw_clues(image: Image.Image, clues: tuple[Clue, ...]) -> Image.Image:
    """Outline each clue's region with a numbered badge matching the explanation list."""
    out = image.convert("RGB").copy()
    draw = ImageDraw.Draw(out)
    width, height = out.size
    font = badge_font(max(14, width // 22))
    for number, clue in enumerate(clues, start=1):
        x0, y0, x1, y1 = clue.box
        box = (x0 * width, y0 * height, x1 * width - 1, y1 * height - 1)
        draw.rectangle(box, outline=OUTLINE, width=5)
        draw.rectangle(box, outline=HIGHLIGHT, width=3)
        radius = max(11, width // 30)
        cx = min(max(box[0], radius + 1), width - radius - 1)
        cy = min(max(box[1], radius + 1), height - radius - 1)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=HIGHLIGHT, outline=OUTLINE, width=2)
        draw.text((cx, cy), str(number), fill=OUTLINE, font=font, anchor="mm")
    return out


def zoom_box(box: tuple[float, float, float, float], margin: float = 0.06) -> tuple[float, float, float, float]:
    """A square region around a clue, a little larger than it, kept inside the picture."""
    x0, y0, x1, y1 = box
    side = min(1.0, max(x1 - x0, y1 - y0) + 2 * margin)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - side / 2, 0.0), 1.0 - side)
    top = min(max(cy - side / 2, 0.0), 1.0 - side)
    return (left, top, left + side, top + side)


class ImageUnavailable(ContentError):
    """A picture the course needs is missing or not the file the manifest describes."""


@dataclass
class Library:
    images: dict[str, ImageEntry]
    lessons: FaceLessons
    images_dir: Path

    @property
    def items(self) -> dict[str, FaceItem]:
        return self.lessons.items

    def path(self, image_id: str) -> Path:
        return self.images_dir / self.images[image_id].file

    def picture(self, image_id: str) -> Image.Image:
        with Image.open(io.BytesIO(self.face_bytes(image_id))) as image:
            return image.convert("RGB")

    def face_bytes(self, image_id: str) -> bytes:
        """The quiz image as stored, checked against its SHA-256 in the manifest on every read: a file
        deleted or changed after the app started raises ImageUnavailable, never shows a wrong face."""
        entry = self.images[image_id]
        where = f"images/manifest.csv:{entry.line} item {image_id} field file"
        try:
            data = self.path(image_id).read_bytes()
        except OSError:
            raise ImageUnavailable([Problem(where, f"image file {entry.file} is missing")]) from None
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise ImageUnavailable([Problem(where, f"image file {entry.file} was changed: its SHA-256 is not the "
                                                   "manifest's")])
        return data

    def highlighted_bytes(self, image_id: str, only_tell: str | None = None) -> bytes:
        """The face with its clues outlined and numbered (only those of one tell, for its handout)."""
        return display_jpeg(draw_clues(self.picture(image_id), self.clues(image_id, only_tell)))

    def clues(self, image_id: str, only_tell: str | None = None) -> tuple[Clue, ...]:
        """A face's clues in their order (numbered from 1 on the picture), or those of one tell."""
        return tuple(c for c in self.items[image_id].clues if only_tell is None or c.tell == only_tell)

    def pair_bytes(self, image_ids: tuple[str, str], highlighted: bool = False) -> bytes:
        """Two faces side by side, lettered A and B, as one picture: a pair stays side by side
        even on a phone, where Streamlit would stack two columns."""
        gap = 16
        pair = Image.new("RGB", (2 * DISPLAY_SIZE + gap, DISPLAY_SIZE), (255, 255, 255))
        draw = ImageDraw.Draw(pair)
        font = badge_font(30)
        for index, (image_id, letter) in enumerate(zip(image_ids, "AB")):
            picture = self.picture(image_id)
            if highlighted:
                picture = draw_clues(picture, self.items[image_id].clues)
            left = index * (DISPLAY_SIZE + gap)
            pair.paste(picture.resize((DISPLAY_SIZE, DISPLAY_SIZE)), (left, 0))
            draw.rounded_rectangle((left + 8, DISPLAY_SIZE - 52, left + 52, DISPLAY_SIZE - 8), radius=8,
                                   fill=(20, 33, 61))
            draw.text((left + 30, DISPLAY_SIZE - 30), letter, fill=(255, 255, 255), font=font, anchor="mm")
        return display_jpeg(pair)

    def zoom_bytes(self, image_id: str, clue_index: int) -> bytes:
        clue = self.items[image_id].clues[clue_index]
        x0, y0, x1, y1 = zoom_box(clue.box)
        image = draw_clues(self.picture(image_id), (clue,))
        w, h = image.size
        crop = image.crop((round(x0 * w), round(y0 * h), round(x1 * w), round(y1 * h)))
        return display_jpeg(crop.resize((DISPLAY_SIZE, DISPLAY_SIZE), Image.Resampling.LANCZOS))

    def average_bytes(self, kind: str, count: int = 12) -> bytes:
        """The mean of `count` library faces of one kind outside the quiz (first ids in sorted
        order: stable). GAN faces outside the quiz keep the generator's whole, lined-up frame, as
        the 2019 network's profile photos did; quiz faces are framed as people post photos."""
        ids = sorted(i for i, e in self.images.items() if e.kind == kind and i not in self.items)[:count]
        return display_jpeg(average_faces([self.picture(i) for i in ids]))

    def credits(self) -> list[ImageEntry]:
        return sorted(self.images.values(), key=lambda e: (e.kind, e.id))


def load_library(lessons_dir: Path = LESSONS_DIR, images_dir: Path = IMAGES_DIR,
                 language: str = i18n.DEFAULT) -> Library:
    """The face library with its lessons' text in ``language``; ContentError with every problem of its
    files (read once: face_content)."""
    content = face_content(Path(lessons_dir), Path(images_dir), language)
    return Library(content.images, content.lessons(), Path(images_dir))
