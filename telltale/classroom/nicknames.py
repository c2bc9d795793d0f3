"""Nicknames: the only thing a student gives. Free text within NICKNAME_ALLOWED and
NICKNAME_MAX_LENGTH, starting with a letter or digit (so a spreadsheet never reads an exported
nickname as a formula), and shown as plain text only.
"""
from __future__ import annotations

import random
import re
import unicodedata

NICKNAME_MIN_LENGTH = 2
NICKNAME_MAX_LENGTH = 20
NICKNAME_ALLOWED = "letters, digits, spaces, hyphens (-), apostrophes (') and full stops (.)"
_NICKNAME_PUNCTUATION = set(" -'.")

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
    def __init__(self, nickname: str):
        super().__init__(f"Someone called {nickname} is already in this class.")
        self.nickname = nickname


def clean_nickname(text: str | None) -> str:
    """The nickname as it will be stored and shown, or NicknameError saying what to change.

    Unicode is normalized (NFKC) and runs of spaces become one; letters of every script are
    welcome, anything else outside NICKNAME_ALLOWED (markup, emoji, control characters) is refused.
    """
    name = unicodedata.normalize("NFKC", text or "")
    name = re.sub(r"\s+", " ", name).strip()
    if len(name) < NICKNAME_MIN_LENGTH:
        raise NicknameError(f"Please choose a nickname of at least {NICKNAME_MIN_LENGTH} characters.")
    if len(name) > NICKNAME_MAX_LENGTH:
        raise NicknameError(f"Please keep your nickname to {NICKNAME_MAX_LENGTH} characters or fewer.")
    for ch in name:
        if not (ch in _NICKNAME_PUNCTUATION or unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "Nd"):
            raise NicknameError(f"A nickname can only have {NICKNAME_ALLOWED}.")
    if not (name[0].isalpha() or name[0].isdigit()):
        raise NicknameError("Please start your nickname with a letter or a digit.")
    return name


def suggest_nickname(taken=(), rng: random.Random | None = None) -> str:
    """A friendly random nickname like "Swift Otter", avoiding the ones already taken."""
    rng = rng or random.SystemRandom()
    folded = {name.casefold() for name in taken}
    for _ in range(200):
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)}"
        if name.casefold() not in folded:
            return name
    return f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)} {rng.randint(2, 99)}"
