"""Nicknames: the only thing a student gives. It is shown on the projector and in exports, and it
is how a student finds their place again, so it must say what it looks like:
- it is normalized (NFKC: full-width and compatibility forms become ordinary letters), runs of
  spaces become one, and it stays within NICKNAME_ALLOWED and NICKNAME_MAX_LENGTH, starting with
  a letter or digit (so a spreadsheet never reads an exported nickname as a formula);
- invisible and filler characters are refused (zero-width characters, Hangul fillers such as
  U+3164 that render as blanks, variation selectors, the Braille blank, bidi controls), as are
  more than MAX_MARKS_IN_A_ROW combining marks on one letter;
- two nicknames that look the same are the same nickname: they are compared by the confusable
  skeleton of Unicode TR39 (confusables from the Unicode data that the confusable-homoglyphs
  package ships), so Cyrillic "Sаm" next to Latin "Sam", or "SaI" next to "Sal", is refused.

Letters of every script are welcome; the comparison is only about what looks alike.
"""
from __future__ import annotations

import random
import re
import unicodedata
from functools import lru_cache

from telltale import i18n
from telltale.i18n import N_

NICKNAME_MIN_LENGTH = 2
NICKNAME_MAX_LENGTH = 20
NICKNAME_ALLOWED = N_("letters, digits, spaces, hyphens (-), apostrophes (') and full stops (.)")  # translated where shown
MAX_MARKS_IN_A_ROW = 2  # enough for every script's vowel signs and accents; not a "Zalgo" stack
_PUNCTUATION = set(" -'.")

# Letters that render as nothing or as a blank (Unicode calls most of them Default_Ignorable):
# fillers of Hangul, the Braille blank, and the Khmer inherent vowels. Format characters
# (category Cf: zero-width spaces and joiners, bidi controls) are refused by category.
_INVISIBLE = set("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u034f")
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


ADJECTIVES = (
    "Swift", "Brave", "Clever", "Calm", "Bright", "Curious", "Gentle", "Happy", "Jolly", "Keen",
    "Lucky", "Mighty", "Nimble", "Quiet", "Quick", "Sharp", "Sunny", "Witty", "Bold", "Cosy",
    "Daring", "Eager", "Fancy", "Glad", "Merry", "Noble", "Proud", "Rapid", "Steady", "Zesty",
)
ANIMALS = (
    "Otter", "Badger", "Falcon", "Fox", "Heron", "Koala", "Lynx", "Moose", "Owl", "Panda",
    "Puffin", "Rabbit", "Raven", "Seal", "Tiger", "Turtle", "Walrus", "Wombat", "Yak", "Zebra",
    "Beaver", "Dolphin", "Gecko", "Hedgehog", "Llama", "Magpie", "Newt", "Pelican", "Robin", "Squirrel",
)


class JoinError(Exception):
    """A reason a student cannot join, worded for the student."""


class NicknameError(JoinError):
    pass


class NicknameTaken(JoinError):
    def __init__(self, nickname: str, language: str = i18n.DEFAULT):
        super().__init__(i18n.translations(language).gettext("Someone called {nickname} is already in this class.")
                         .format(nickname=nickname))
        self.nickname = nickname


def clean_nickname(text: str | None, language: str = i18n.DEFAULT) -> str:
    """The nickname as it will be stored and shown, or NicknameError saying (in the language) what to change."""
    tr = i18n.translations(language)
    name = unicodedata.normalize("NFKC", text or "")
    if any(ch in _INVISIBLE or unicodedata.category(ch) == "Cf" for ch in name) or _VARIATION_SELECTORS.search(name):
        raise NicknameError(tr.gettext("Please type your nickname with visible letters only: it has an invisible or "
                                       "blank character in it."))
    name = re.sub(r"\s+", " ", name).strip()
    if len(name) < NICKNAME_MIN_LENGTH:
        raise NicknameError(tr.gettext("Please choose a nickname of at least {count} characters.").format(
            count=NICKNAME_MIN_LENGTH))
    if len(name) > NICKNAME_MAX_LENGTH:
        raise NicknameError(tr.gettext("Please keep your nickname to {count} characters or fewer.").format(
            count=NICKNAME_MAX_LENGTH))
    marks = 0
    for ch in unicodedata.normalize("NFD", name):  # decomposed, so a precomposed letter's accents count too
        category = unicodedata.category(ch)
        if not (ch in _PUNCTUATION or category[0] in "LM" or category == "Nd"):
            raise NicknameError(tr.gettext("A nickname can only have {allowed}.").format(
                allowed=tr.gettext(NICKNAME_ALLOWED)))
        marks = marks + 1 if category[0] == "M" else 0
        if marks > MAX_MARKS_IN_A_ROW:
            raise NicknameError(tr.gettext("Please use plainer letters: your nickname stacks too many accents on "
                                           "one letter."))
    if not (name[0].isalpha() or name[0].isdigit()):
        raise NicknameError(tr.gettext("Please start your nickname with a letter or a digit."))
    return name


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Character -> the one character standing for everything confusable with it.

    The package lists, for each character, the characters it can be confused with; the classes
    of TR39 are the connected groups of that relation, and each is named by its lowest code point.
    """
    from confusable_homoglyphs.utils import load

    parent: dict[str, str] = {}

    def find(ch: str) -> str:
        parent.setdefault(ch, ch)
        while parent[ch] != ch:
            parent[ch] = parent[parent[ch]]
            ch = parent[ch]
        return ch

    for character, entries in load("confusables.json").items():
        if len(character) != 1:
            continue
        for entry in entries:
            other = entry["c"].replace("\u200e", "").replace("\u200f", "")  # direction marks around RTL glyphs
            if len(other) == 1:
                first, second = find(character), find(other)
                if first != second:
                    parent[max(first, second)] = min(first, second)
    return {ch: find(ch) for ch in parent}


def _skeleton_of(text: str) -> str:
    prototypes = _prototypes()
    mapped = "".join(prototypes.get(ch, ch) for ch in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def skeletons(name: str) -> tuple[str, str, str]:
    """The TR39 skeleton of the nickname as typed, in lower case and in upper case.

    Nicknames ignore case ("sam" is "Sam"), and some look-alikes only meet in one case
    ("I" and "l" as typed, "O" and "0" in upper case), so all three are compared.
    """
    name = unicodedata.normalize("NFKC", name)
    return _skeleton_of(name), _skeleton_of(name.casefold()), _skeleton_of(name.upper())


def key(name: str) -> str:
    """One string per look-alike group (the lower-case skeleton), stored with a unique index so
    that two app servers cannot let "Sam" and "Sаm" into one class at the same moment."""
    return skeletons(name)[1]


def look_alike(first: str, second: str) -> bool:
    return any(a == b for a, b in zip(skeletons(first), skeletons(second)))


def suggest_nickname(taken=(), rng: random.Random | None = None) -> str:
    """A friendly random nickname like "Swift Otter", avoiding the ones already taken."""
    rng = rng or random.SystemRandom()
    folded = {name.casefold() for name in taken}
    for _ in range(200):
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)}"
        if name.casefold() not in folded:
            return name
    return f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)} {rng.randint(2, 99)}"
