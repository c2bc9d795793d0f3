"""`python -m telltale.content check`: validate the manifest, the images and every lesson file.

Prints one line per problem (where, then what is wrong) and exits with status 1 if any. It sits
above telltale.content and telltale.ads, so that neither imports the other to be checked.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from telltale import IMAGES_DIR, LESSONS_DIR, i18n
from telltale.content.about import about_problems
from telltale.content.lessons import face_content
from telltale.content.manifest import verify
from telltale.ads.checks import check_ads_content
from telltale.content.quiz_rules import check_quiz
from telltale.provenance.lab import check_lab_content
from telltale.kit.teaching import check_teaching_content
from telltale.content.problems import ContentError, Problem

# Every language the content check reads: a missing translation is a problem found at start.
CHECKED_LANGUAGES: tuple[str, ...] = tuple(i18n.LANGUAGES)

# The checks of lesson files beyond the face lessons: function(lessons_dir, face content) -> None,
# raising ContentError with every problem. Each runs once per language, with the face content of that
# language (content.language); rules that read no text run for the default language only.
EXTRA_CHECKS: list = [
    check_quiz,  # a fair face quiz: framing, skin tone, diffusion per form, one part per person
    check_ads_content,  # the fake-ads lessons and their avatars
    check_lab_content,  # the provenance lab and its signed files
    check_teaching_content,  # the teacher's kit: a prompt for every tell and red flag, in every language
]


def find_problems(lessons_dir: Path = LESSONS_DIR, images_dir: Path = IMAGES_DIR,
                  languages: tuple[str, ...] | None = None) -> list[Problem]:
    """Every problem of the content, in every language checked (lessons/about.md and its translations
    too); a problem found in several languages (one outside the translated text) is listed once."""
    languages = languages or CHECKED_LANGUAGES
    problems: list[Problem] = []
    for language in languages:
        content = face_content(Path(lessons_dir), Path(images_dir), language)  # each file read once for all
        if content.images is None:  # no manifest: nothing else can be checked against it
            problems.extend(content.problems)
            break
        found = verify(content.images, Path(images_dir)) if language == i18n.DEFAULT else []
        found += content.problems
        for check in EXTRA_CHECKS:
            try:
                check(Path(lessons_dir), content)
            except ContentError as error:
                found.extend(error.problems)
        problems.extend(p for p in found if p not in problems)
    return problems + about_problems(Path(lessons_dir), languages)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m telltale.content check")
    parser.add_argument("--lessons", type=Path, default=LESSONS_DIR)
    parser.add_argument("--images", type=Path, default=IMAGES_DIR)
    args = parser.parse_args(argv)
    problems = find_problems(args.lessons, args.images)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.")
        return 1
    print("All content is valid.")
    return 0
