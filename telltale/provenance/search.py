"""Reverse image search over what the app holds: the face library, the ads' avatars, the network's
accounts and the lab's cases, plus the copies the lab plants under other names.

Two stages, both from maintained or plain numeric code:
1. Candidates: perceptual hashes (pHash, as ImageHash computes it) of every indexed picture and of crops of it
   (3 x 3 crops at 90% and 5 x 5 at 80% of each side), and the same of the query, as it is and
   mirrored: a copy cropped from the query, or the query cropped from a copy, lands near one of
   them. The few nearest pictures go on.
2. Similarity: normalised cross-correlation of the equalised grey pictures, the smaller one slid
   over the larger at every scale from 78% to 100% and every offset, mirrored or not, both ways round. Equalising the grey levels
   makes a colour filter or a new JPEG compression change little; the faces of two different
   people stay clearly below the threshold even though portraits look alike to a hash.

The index is built once per content version (the caller caches it); a query reads no file.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

from telltale import i18n
from telltale.ads.faces import Face, FaceLibrary
from telltale.content.lessons import FaceContent, face_content
from telltale.provenance.lab import Copy, Lab

THRESHOLD = 0.94  # similarity from which a picture counts as a copy (tests/test_provenance_search.py)
CANDIDATES = 10  # pictures compared closely per query
BASE = 64  # side of the grey picture the crops are hashed from (pHash looks at 32 x 32 anyway)
KEPT = 192  # side of the pictures the index keeps (for thumbnails and comparison), to keep memory small
GREY = 64  # side of the equalised grey picture compared in stage 2
SCALES = np.arange(0.78, 1.0001, 0.02)
SIDES = tuple(sorted({int(round(GREY * scale)) for scale in SCALES}))  # of the sliding grey pictures
CROP_GRID = ((0.9, 3), (0.8, 5))  # (share of each side, positions per axis)
CROP_SHARE = 0.8  # a planted "crop" keeps 80% of each side


@dataclass(frozen=True)
class Sighting:
    """One place where a picture appears: whose account or Page, what it is, since when."""
    name: str
    handle: str
    where: str
    since: date | None


@dataclass(frozen=True)
class Entry:
    key: str  # a library image id, or "copy:<handle>"
    sightings: tuple[Sighting, ...]
    image: Image.Image  # as the index holds it (a copy: transformed), RGB


@dataclass(frozen=True)
class Match:
    entry: Entry
    similarity: float  # 0..1


@dataclass
class Index:
    entries: list[Entry]
    hashes: np.ndarray  # (hashes, 64) bool
    owner: np.ndarray  # entry number of each hash
    whole: np.ndarray  # (entries, 64) bool: the hash of each whole picture
    greys: np.ndarray  # (entries, GREY, GREY) float32, equalised

    def __len__(self) -> int:
        return len(self.entries)


# --- the transformations a copy goes through ----------------------------------------------

def _fraction(seed: str, salt: str) -> float:
    return int.from_bytes(hashlib.sha256(f"{salt}:{seed}".encode()).digest()[:4], "big") / 2 ** 32


def crop(image: Image.Image, share: float = CROP_SHARE, seed: str = "") -> Image.Image:
    """Keep `share` of each side, at a position chosen by the seed."""
    width, height = image.size
    keep_w, keep_h = int(width * share), int(height * share)
    x = int((width - keep_w) * _fraction(seed, "x"))
    y = int((height - keep_h) * _fraction(seed, "y"))
    return image.crop((x, y, x + keep_w, y + keep_h))


def colour_filter(image: Image.Image) -> Image.Image:
    """A warm photo-app filter: more contrast and saturation, red lifted, blue lowered."""
    image = ImageEnhance.Contrast(image.convert("RGB")).enhance(1.2)
    red, green, blue = image.split()
    red = red.point(lambda v: min(255, int(v * 1.12 + 10)))
    blue = blue.point(lambda v: int(v * 0.85))
    return ImageEnhance.Color(Image.merge("RGB", (red, green, blue))).enhance(1.3)


def jpeg(image: Image.Image, quality: int = 60) -> Image.Image:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def transformed(image: Image.Image, steps: Iterable[str], seed: str = "") -> Image.Image:
    """The picture after a copy's transformations, in order (lessons/provenance.yaml `transform`)."""
    out = image.convert("RGB")
    for step in steps:
        out = {"crop": lambda i: crop(i, seed=seed), "mirror": ImageOps.mirror, "filter": colour_filter,
               "jpeg": jpeg}[step](out)
    return out


# --- building the index ---------------------------------------------------------------------

# The 8 lowest frequencies of a 32-point DCT-II (unnormalised, as scipy.fftpack.dct): pHash keeps 8 x 8.
_DCT_LOW = 2 * np.cos(np.pi * np.arange(8)[:, None] * (2 * np.arange(32)[None, :] + 1) / 64)


def _hash(image: Image.Image) -> np.ndarray:
    """pHash: which of a 32 x 32 grey picture's 8 x 8 lowest cosine frequencies lie above their median.
    The same bits as ImageHash's phash, with numpy alone (SciPy held 15 MB in every app process)."""
    pixels = np.asarray(image.convert("L").resize((32, 32), Image.LANCZOS), dtype=np.float64)
    low = _DCT_LOW @ pixels @ _DCT_LOW.T
    return (low > np.median(low)).flatten()


def _crop_hashes(image: Image.Image) -> list[np.ndarray]:
    small = ImageOps.equalize(image.convert("L").resize((BASE, BASE), Image.BILINEAR))  # a colour filter changes little
    out = [_hash(small)]
    for share, positions in CROP_GRID:
        side = int(BASE * share)
        for fx in np.linspace(0, 1, positions):
            for fy in np.linspace(0, 1, positions):
                x, y = int((BASE - side) * fx), int((BASE - side) * fy)
                out.append(_hash(small.crop((x, y, x + side, y + side))))
    return out


def _kept(image: Image.Image) -> Image.Image:
    picture = image.convert("RGB")
    picture.thumbnail((KEPT, KEPT), Image.LANCZOS)
    return picture


def _grey(image: Image.Image, side: int) -> np.ndarray:
    return np.asarray(ImageOps.equalize(image.convert("L")).resize((side, side), Image.BILINEAR), dtype=np.float32)


def build_index(sources: dict[str, tuple[Path, list[Sighting]]], copies: list[tuple[str, Image.Image, Sighting]]) -> Index:
    """sources: library image id -> (file, where it appears); copies: (key, transformed picture, sighting)."""
    entries = []
    for key, (path, sightings) in sorted(sources.items()):
        with Image.open(path) as image:
            image.draft("RGB", (KEPT, KEPT))  # a JPEG decodes straight at a smaller size
            entries.append(Entry(key, tuple(sightings), _kept(image)))
    entries += [Entry(key, (sighting,), _kept(image)) for key, image, sighting in copies]
    hashes, owner = [], []
    for number, entry in enumerate(entries):
        for value in _crop_hashes(entry.image):
            hashes.append(value)
            owner.append(number)
    greys = np.stack([_grey(entry.image, GREY) for entry in entries])
    hashes = np.array(hashes, dtype=bool)
    owner = np.array(owner)
    whole = hashes[np.r_[0, np.flatnonzero(np.diff(owner)) + 1]]  # the first hash of each entry is the whole picture
    return Index(entries, hashes, owner, whole, greys)


def library_sighting(language: str = i18n.DEFAULT) -> Sighting:
    """Where a face that no account shows appears: the app's own collection."""
    tr = i18n.translations(language)
    return Sighting(tr.gettext("Telltale's face library"), "",
                    tr.gettext("a picture of the app's own collection, not on any account here"), None)


def library_faces(content: FaceContent | None = None) -> FaceLibrary:
    """Every face of the image manifest whose file exists, quiz faces included: what the app holds
    (the search finds a picture, it never says whether it is AI); empty without a readable manifest."""
    content = content if content is not None else face_content()
    entries = (content.images or {}).values()
    faces = [Face(e.id, e.kind, e.path(content.images_dir), e.sex) for e in entries
             if e.path(content.images_dir).is_file()]
    return FaceLibrary(tuple(sorted(faces, key=lambda f: f.id)))


def lab_index(lab: Lab, library: FaceLibrary, ads_lesson=None, network_case=None,
              language: str = i18n.DEFAULT) -> Index:
    """The index of everything the app holds: every library face, where the ads, the network case
    and the lab show it, and the lab's planted copies; its words in the language (that of the
    lab and lessons given)."""
    tr = i18n.translations(language)
    checking = {"profile": tr.gettext("the profile you are checking"), "post": tr.gettext("the post you are checking"),
                "ad": tr.gettext("the sponsored post you are checking")}
    from telltale.ads.investigation import network_group
    from telltale.ads.render import ad_group, choose_face

    seen: dict[str, list[Sighting]] = {face.id: [] for face in library.faces}
    paths = {face.id: face.path for face in library.faces}
    if ads_lesson is not None:
        group = ad_group(ads_lesson.examples)
        for example in ads_lesson.examples:
            face = choose_face(example.page.avatar, example.id, group=group)
            if face is not None and face.id in seen:
                seen[face.id].append(Sighting(example.page.name, "",
                                              tr.gettext("profile photo of a Page that runs sponsored posts"),
                                              example.transparency.created_on))
    if network_case is not None:
        group = network_group(network_case)
        for account in network_case.accounts:
            face = choose_face(account.avatar, account.handle, group=group)
            if face is not None and face.id in seen:
                seen[face.id].append(Sighting(account.display_name, account.handle,
                                              tr.gettext("profile photo of an account"), account.created_at.date()))
    for case in lab.cases:
        seen.setdefault(case.face, [])
        paths.setdefault(case.face, lab.faces[case.face])
        seen[case.face].append(Sighting(case.name, case.handle, checking[case.kind], case.created))
    sources = {face_id: (paths[face_id], sightings or [library_sighting(language)]) for face_id, sightings in seen.items()}
    copies = []
    for case in lab.cases:
        with Image.open(lab.faces[case.face]) as original:
            for copy in case.copies:
                copies.append((f"copy:{copy.handle}", transformed(original, copy.transform, seed=copy.handle),
                               _copy_sighting(copy)))
    return build_index(sources, copies)


def _copy_sighting(copy: Copy) -> Sighting:
    return Sighting(copy.name, copy.handle, copy.where, copy.date)


# --- a query -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sliding:
    """A picture as equalised grey pictures at every scale, as it is and mirrored, each with mean 0
    and norm 1, flipped and padded to GREY x GREY, as one stack of their Fourier transforms."""
    sides: tuple[int, ...]
    spectra: np.ndarray  # (pictures, GREY, GREY // 2 + 1) complex


def _sliding_greys(image: Image.Image) -> Sliding:
    sides, padded = [], []
    equalised = ImageOps.equalize(image.convert("L"))  # as _grey does, once for every scale
    for picture in (equalised, ImageOps.mirror(equalised)):
        for side in SIDES:
            grey = np.asarray(picture.resize((side, side), Image.BILINEAR), dtype=np.float32)
            grey -= grey.mean()
            grey /= np.sqrt((grey ** 2).sum()) + 1e-6
            canvas = np.zeros((GREY, GREY), dtype=np.float64)
            canvas[:side, :side] = grey[::-1, ::-1]
            sides.append(side)
            padded.append(canvas)
    return Sliding(tuple(sides), np.fft.rfft2(np.stack(padded)))


def _summed_area(values: np.ndarray) -> np.ndarray:
    return np.pad(values, ((1, 0), (1, 0))).cumsum(0).cumsum(1)


def _box_sums(table: np.ndarray, side: int) -> np.ndarray:
    """The sum of every side x side window, from the summed-area table."""
    return table[side:, side:] - table[:-side, side:] - table[side:, :-side] + table[:-side, :-side]


def _correlation(sliding: Sliding, target: np.ndarray) -> float:
    """Best normalised cross-correlation of the sliding pictures over the target, at any offset.

    All of them at once, as products of Fourier transforms: a circular convolution of GREY x GREY
    equals the linear one on the offsets where the smaller picture lies wholly inside the target."""
    values = target.astype(np.float64)
    squares = values ** 2
    products = np.fft.irfft2(sliding.spectra * np.fft.rfft2(values)[None], s=values.shape)
    value_table, square_table = _summed_area(values), _summed_area(squares)
    norms = {}
    for side in SIDES:
        sums = _box_sums(value_table, side)
        norms[side] = np.sqrt(np.maximum(_box_sums(square_table, side) - sums ** 2 / (side * side), 0)) + 1e-6
    return max(float((product[side - 1:, side - 1:] / norms[side]).max())
               for product, side in zip(products, sliding.sides))


def similarity(query: Image.Image, query_grey: np.ndarray, query_sliding: Sliding, entry: Entry,
               entry_grey: np.ndarray) -> float:
    """0..1: the query inside the indexed picture, or the indexed picture inside the query, whichever fits."""
    return max(_correlation(query_sliding, entry_grey), _correlation(_sliding_greys(entry.image), query_grey))


def search(index: Index, query: Image.Image, threshold: float = THRESHOLD) -> list[Match]:
    """The indexed pictures that are copies of the query (similarity >= threshold), most similar first."""
    query = query.convert("RGB")
    mirrored = ImageOps.mirror(query)
    hashed, hashed_mirrored = _crop_hashes(query), _crop_hashes(mirrored)
    whole = np.array([hashed[0], hashed_mirrored[0]])
    crops = np.array(hashed + hashed_mirrored)
    # the query whole against every crop of the index, and every crop of the query against each whole picture
    distance = (index.hashes[:, None, :] != whole[None]).sum(axis=2).min(axis=1)
    per_entry = np.full(len(index.entries), 10 ** 6)
    np.minimum.at(per_entry, index.owner, distance)
    per_entry = np.minimum(per_entry, (index.whole[:, None, :] != crops[None]).sum(axis=2).min(axis=1))
    candidates = np.argsort(per_entry, kind="stable")[:CANDIDATES]
    query_grey, query_sliding = _grey(query, GREY), _sliding_greys(query)
    matches = [Match(index.entries[n], similarity(query, query_grey, query_sliding, index.entries[n], index.greys[n]))
               for n in candidates]
    return sorted((m for m in matches if m.similarity >= threshold), key=lambda m: -m.similarity)


__all__ = ["Entry", "Index", "Match", "Sighting", "THRESHOLD", "build_index", "colour_filter", "crop", "jpeg",
           "lab_index", "search", "transformed"]
