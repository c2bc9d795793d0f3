"""Content checks of the ads lessons that need the face library: ``python -m telltale.content check``.

The loader (``telltale.ads.load``) checks each file on its own. These rules tie the files to
images/manifest.csv and to the face quiz (lessons/faces.yaml):

- an avatar named by image id must be in the manifest, and must not be a quiz face (a
  reveal saying "this profile photo is AI-made" would give a quiz answer away; faces
  picked by a placeholder never are, see ``telltale.ads.faces``);
- a placeholder must leave at least one face to pick once the quiz faces are excluded
  (otherwise the avatar silently falls back to the logo);
- an avatar carrying the "ai-avatar" red flag must show an AI-made face (the lesson does not
  score that flag at present: a ~40 px avatar cannot be enlarged and judged);
- no single flag, sign or visible fact sorts the posts on its own, and loaded words appear on
  both sides (telltale.ads.fairness).
"""
from __future__ import annotations

from pathlib import Path

from telltale import i18n
from telltale.ads.fairness import separation_problems
from telltale.ads.faces import FaceLibrary, parse_placeholder
from telltale.ads.load import load_ads, load_network
from telltale.ads.model import Avatar
from telltale.content.lessons import FaceContent
from telltale.content.manifest import ImageEntry
from telltale.content.problems import ContentError, Problem
from telltale.content.reader import display_path

AI_AVATAR_FLAG = "ai-avatar"


def _avatar_problems(where: str, avatar: Avatar, flagged_ai: bool, images: dict[str, ImageEntry],
                     quiz_ids: frozenset[str], library: FaceLibrary) -> list[Problem]:
    key = avatar.face
    if not key:
        if flagged_ai:
            return [Problem(where, f"the avatar carries the {AI_AVATAR_FLAG!r} flag but shows a logo, not a face")]
        return []
    placeholder = parse_placeholder(key)
    if placeholder is not None:
        if not library.of_kind(*placeholder):
            return [Problem(where, f"no face for {key!r} is left once the quiz faces of lessons/faces.yaml are "
                                   "excluded; the avatar would fall back to the logo")]
        if flagged_ai and placeholder[0] == "real":
            return [Problem(where, f"the avatar carries the {AI_AVATAR_FLAG!r} flag but {key!r} picks a real photo")]
        return []
    entry = images.get(key)
    if entry is None:
        return [Problem(where, f"image {key!r} is not in images/manifest.csv")]
    if key in quiz_ids:
        return [Problem(where, f"image {key!r} is a face of the face quiz (lessons/faces.yaml); an avatar's "
                               "explanation would give its answer away: use a placeholder such as "
                               f"any-{entry.kind} or another image")]
    if flagged_ai and not entry.is_ai:
        return [Problem(where, f"the avatar carries the {AI_AVATAR_FLAG!r} flag but image {key!r} is a real photo")]
    return []


def check_ads_content(lessons_dir: Path, content: FaceContent) -> None:
    """Load lessons/ads.yaml and lessons/network.yaml in the language of ``content`` and check their
    avatars against the library (once, with the default language: avatars are not text).

    Raises ContentError with every problem; the signature is that of telltale.checks.EXTRA_CHECKS.
    Without the quiz faces' ids (faces.yaml unreadable: its own problems say where) the avatars
    cannot be checked, and telltale.readiness stops the ads and the network case.
    """
    lessons_dir = Path(lessons_dir)
    ads_path, network_path = lessons_dir / "ads.yaml", lessons_dir / "network.yaml"
    language = content.language
    problems: list[Problem] = []
    lesson = case = None
    try:
        lesson = load_ads(ads_path, language=language)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        case = load_network(network_path, language=language)
    except ContentError as error:
        problems.extend(error.problems)

    try:
        quiz_ids = content.quiz_ids()
        # The avatars are the same in every language: checked once, with the default language.
        library = FaceLibrary.avatars(content) if language == i18n.DEFAULT else None
    except ContentError:
        lesson = case = None
    images = content.images or {}
    if lesson is not None:
        source = display_path(ads_path)
        problems.extend(separation_problems(source, lesson, language))
        for example in lesson.examples if library is not None else ():
            flagged = any(m.id == AI_AVATAR_FLAG and m.part == "avatar" for m in example.red_flags)
            problems.extend(_avatar_problems(f"{source} example {example.id} field page.avatar.face",
                                             example.page.avatar, flagged, images, quiz_ids, library))
    if case is not None and library is not None:
        source = display_path(network_path)
        for account in case.accounts:
            problems.extend(_avatar_problems(f"{source} account {account.handle} field avatar.face",
                                             account.avatar, False, images, quiz_ids, library))
    if problems:
        raise ContentError(problems)


__all__ = ["check_ads_content"]
