"""Content Credentials (C2PA): read and validate a file's manifest, offline, and say what a viewer says.

Uses c2pa-python (the Content Authenticity Initiative's bindings to c2pa-rs). The viewer trusts
only the test root in images/provenance/trust-anchors.pem, made by telltale.provenance.sign;
remote manifests and certificate-revocation (OCSP) look-ups are switched off, so reading a file
never leaves the machine. An upload is read from memory and never stored.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import c2pa
from PIL import Image, UnidentifiedImageError

from telltale import i18n
from telltale.content.problems import Problem
from telltale.content.reader import display_path
from telltale.i18n import N_
from telltale.provenance import TRUST_FILE

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the same as .streamlit/config.toml's maxUploadSize
MAX_PIXELS = 40_000_000  # larger pictures are refused before decoding (a decompression bomb)
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
AI_SOURCE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
# The words a viewer shows, in English (marked with N_): translated where shown.
SOURCE_WORDS = {
    AI_SOURCE: N_("made by an AI image generator (trained algorithmic media)"),
    "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia":
        N_("edited with an AI generator (composite with trained algorithmic media)"),
    "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture": N_("captured with a camera (digital capture)"),
}
ACTION_WORDS = {"c2pa.created": N_("created"), "c2pa.cropped": N_("cropped"),
                "c2pa.color_adjustments": N_("colours adjusted"), "c2pa.resized": N_("resized"),
                "c2pa.edited": N_("edited"), "c2pa.opened": N_("opened"), "c2pa.filtered": N_("filtered"),
                "c2pa.placed": N_("another image placed in it"), "c2pa.converted": N_("converted to another format")}
HEADLINES = {
    "trusted": N_("Valid Content Credentials from a signer on the trust list"),
    "untrusted": N_("Intact Content Credentials, but the signer is not on the trust list"),
    "invalid": N_("Content Credentials that fail validation: the file was changed after signing"),
    "none": N_("No Content Credentials"),
}
UNREADABLE = N_("Content Credentials that cannot be read")
STATES = ("trusted", "untrusted", "invalid", "none")


class BadUpload(ValueError):
    """An uploaded file the tools cannot use; the message says what is wrong, for the learner."""


@dataclass(frozen=True)
class Report:
    """What a Content Credentials viewer shows about one file."""
    state: str  # "trusted", "untrusted" (intact, signer not on the trust list), "invalid", "none"
    signer: str = ""
    issuer: str = ""
    tool: str = ""
    source_type: str = ""  # the IPTC digital source type declared when the image was made
    actions: tuple[str, ...] = ()  # in words: "created", "cropped", ...
    failures: tuple[str, ...] = ()  # validation failure codes (e.g. assertion.dataHash.mismatch)
    problem: str = ""  # why a manifest could not be read at all

    @property
    def declares_ai(self) -> bool:
        return self.source_type.endswith("/trainedAlgorithmicMedia") or "TrainedAlgorithmicMedia" in self.source_type

    @property
    def source_words(self) -> str:
        """In English; translated where shown (an undeclared or unknown type is shown as it is)."""
        return SOURCE_WORDS.get(self.source_type, self.source_type.rsplit("/", 1)[-1] or N_("not declared"))

    @property
    def headline(self) -> str:
        """In English; translated where shown."""
        return HEADLINES[self.state] if not self.problem else UNREADABLE


@lru_cache(maxsize=4)
def _settings_json(trust_file: str, mtime: int) -> str:
    anchors = Path(trust_file).read_text(encoding="ascii") if mtime >= 0 else ""
    settings = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False, "verify_trust": True}}
    if anchors:
        settings["trust"] = {"trust_anchors": anchors}
    return json.dumps(settings)


def _context(trust_file: Path = TRUST_FILE) -> c2pa.Context:
    try:
        mtime = trust_file.stat().st_mtime_ns
    except OSError:
        mtime = -1
    return c2pa.Context(c2pa.Settings.from_json(_settings_json(str(trust_file), mtime)))


def _actions(manifest: dict) -> tuple[list[str], str]:
    """The actions in words, and the digital source type of the first action that declares one."""
    words, source = [], ""
    for assertion in manifest.get("assertions") or []:
        if not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        for action in (assertion.get("data") or {}).get("actions") or []:
            name = str(action.get("action", ""))
            words.append(ACTION_WORDS.get(name, name.removeprefix("c2pa.").replace("_", " ")))
            source = source or str(action.get("digitalSourceType") or "")
    return words, source


def read_credentials(data: bytes, mime: str = "image/jpeg", trust_file: Path = TRUST_FILE) -> Report:
    """Read and validate the manifest of a file held in memory."""
    try:
        with _context(trust_file) as context, c2pa.Reader(mime, io.BytesIO(data), context=context) as reader:
            state = reader.get_validation_state() or ""
            results = reader.get_validation_results() or {}
            manifest = reader.get_active_manifest() or {}
    except c2pa.C2paError as error:
        if type(error).__name__.endswith("ManifestNotFound"):
            return Report("none")
        return Report("invalid", problem=str(error)[:200])  # a manifest is there but cannot be read
    codes = [str(item.get("code")) for item in (results.get("activeManifest") or {}).get("failure") or []]
    failures = tuple(dict.fromkeys(codes))  # each code once, in order
    signature = manifest.get("signature_info") or {}
    generator = (manifest.get("claim_generator_info") or [{}])[0]
    tool = " ".join(str(generator.get(k, "")) for k in ("name", "version")).strip()
    actions, source = _actions(manifest)
    if state == "Trusted":
        verdict = "trusted"
    elif state == "Valid":
        verdict = "untrusted"
    else:
        verdict = "invalid"
    return Report(verdict, signer=str(signature.get("common_name", "")), issuer=str(signature.get("issuer", "")),
                  tool=tool, source_type=source, actions=tuple(actions), failures=failures)


def read_file(path: Path) -> Report:
    return read_credentials(path.read_bytes(), "image/jpeg")


def open_upload(data: bytes, language: str = i18n.DEFAULT) -> tuple[Image.Image, str]:
    """An uploaded picture, checked before anything reads it: (the image, its MIME type).

    Raises BadUpload with a message for the learner, in the language: not a picture, too large, or broken.
    """
    tr = i18n.translations(language)
    if not data:
        raise BadUpload(tr.gettext("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise BadUpload(tr.gettext("The file is {size} MB; the tools take pictures up to {limit} MB.").format(
            size=i18n.number(language, len(data) / 1e6, 1), limit=MAX_UPLOAD_BYTES // (1024 * 1024)))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in FORMATS:
                raise BadUpload(tr.gettext("This is a {kind} file; the tools read JPEG, PNG and WebP pictures.").format(
                    kind=kind or "?"))
            if width * height > MAX_PIXELS:
                raise BadUpload(tr.gettext("The picture is {width} x {height} pixels; the tools take up to {limit} "
                                           "million pixels.").format(width=width, height=height,
                                                                     limit=MAX_PIXELS // 1_000_000))
        image = Image.open(io.BytesIO(data))
        image.load()
    except BadUpload:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise BadUpload(tr.gettext("This file is not a picture the tools can read (JPEG, PNG or WebP), or it is "
                                   "damaged.")) from None
    return image.convert("RGB"), FORMATS[kind]


def check_files(lab) -> list[Problem]:
    """Each signed example file reads and validates as the lesson file declares (`expect`)."""
    problems = []
    for entry in lab.credentials.values():
        where = f"{display_path(entry.path)}"
        if not entry.path.is_file():
            problems.append(Problem(where, "missing: run python -m telltale.provenance.sign"))
            continue
        report = read_file(entry.path)
        if report.state != entry.expect:
            problems.append(Problem(where, f"validates as {report.state!r}, but lessons/provenance.yaml expects "
                                           f"{entry.expect!r}: sign the files again"))
    return problems


__all__ = ["BadUpload", "Report", "check_files", "open_upload", "read_credentials", "read_file"]
