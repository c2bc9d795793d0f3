"""Nicknames (issue 9): look-alikes, invisible and filler characters, stacked marks."""
import pytest

from telltale.classroom.nicknames import NicknameError, clean_nickname, key, look_alike


@pytest.mark.parametrize("first, second", [
    ("Sam", "S\u0430m"),  # Cyrillic a
    ("Sal", "SaI"),  # capital i for small L
    ("BOB", "B0B"),  # zero for O
    ("sam", "SAM"),
    ("paypal", "\u0440\u0430\u0443\u0440\u0430l"),  # Cyrillic r, a, u, r, a
    ("Sam", "\uff33\uff41\uff4d"),  # full-width letters
])
def test_look_alike_nicknames_are_the_same_nickname(first, second):
    assert look_alike(first, second)


@pytest.mark.parametrize("first, second", [("Sam", "Pam"), ("Zoë", "Zoe"), ("Ana", "\u0410\u043d\u0430"),
                                           ("Swift Otter", "Swift Owl")])
def test_different_nicknames_stay_different(first, second):
    assert not look_alike(first, second)


def test_the_stored_key_joins_case_and_script_look_alikes():
    assert key("Sam") == key("S\u0430M") == key("sam")
    assert key("Sam") != key("Pam")


@pytest.mark.parametrize("typed", [
    "\u3164\u3164\u3164",  # Hangul filler: renders as a blank
    "Sa\u200bm",  # zero-width space
    "Sam\u200d",  # zero-width joiner
    "\u202eSam",  # right-to-left override
    "Sam\ufe0f",  # variation selector
    "\u2800\u2800Sam",  # Braille blank
    "S\u0301\u0301\u0301am",  # three accents stacked on one letter
    "Sa" + "\u0300" * 30 + "m",
])
def test_invisible_filler_and_stacked_characters_are_refused(typed):
    with pytest.raises(NicknameError):
        clean_nickname(typed)


@pytest.mark.parametrize("typed, kept", [("Zoë", "Zoë"), ("Nguyễn", "Nguyễn"), ("田中さん", "田中さん"),
                                         ("क्षत्रिय", "क्षत्रिय"), ("\uff33\uff41\uff4d", "Sam"),
                                         ("  Swift   Otter ", "Swift Otter")])
def test_real_names_of_every_script_are_welcome(typed, kept):
    assert clean_nickname(typed) == kept
