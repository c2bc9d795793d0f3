"""Class codes, teacher tokens and links: starting a class and finding it again.

A class code has CODE_LENGTH characters from CODE_ALPHABET (no 0/O, 1/I/L look-alikes), which
students type or scan. The private teacher token is long and random and reopens the dashboard
from any device; only its SHA-256 hash is stored, so a copy of the database opens no dashboard.
"""
from __future__ import annotations

import io
import re
import secrets
import unicodedata
from collections import Counter
from urllib.parse import urlencode

from sqlalchemy.exc import IntegrityError

from telltale import course, i18n, parts
from telltale.storage import ClassRecord, Store, hash_token

# Upper-case letters and digits without the look-alikes 0/O, 1/I/L (and no lower case at all).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
TEACHER_TOKEN_BYTES = 32  # 43 URL-safe characters
TITLE_MAX_LENGTH = 60


def new_class_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str | None) -> str | None:
    """A typed or pasted code in canonical form, or None if it cannot be a class code.

    Case, spaces and dashes do not matter ("abc-234" is "ABC234").
    """
    cleaned = re.sub(r"[\s\-]", "", (text or "")).upper()
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def new_teacher_token() -> str:
    return secrets.token_urlsafe(TEACHER_TOKEN_BYTES)


def clean_title(text: str | None) -> str:
    """A class title as plain text: printable characters only, spaces collapsed, length limited."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "C")
    return re.sub(r"\s+", " ", text).strip()[:TITLE_MAX_LENGTH]


def start_class(store: Store, sections=parts.CHOOSABLE, test_items: int = course.DEFAULT_TEST_ITEMS,
                practice_items: int = course.DEFAULT_PRACTICE_ITEMS, title: str = "",
                ads_items: int = course.DEFAULT_ADS_ITEMS,
                max_students: int | None = None, language: str = i18n.DEFAULT) -> tuple[ClassRecord, str]:
    """A new class and its teacher token (shown once to the teacher; only its hash is stored).
    ``language``: the students' default language (each can still choose another)."""
    chosen = [s for s in sections if s in parts.CHOOSABLE]
    if not chosen:
        raise ValueError("choose at least one part of the course")
    plan = course.default_plan(chosen, test_items=test_items, practice_items=practice_items, ads_items=ads_items)
    plan["max_students"] = min(max(1, int(max_students or DEFAULT_MAX_STUDENTS)), MAX_STUDENTS_LIMIT)
    token = new_teacher_token()
    for _ in range(50):
        try:
            return store.create_class(new_class_code(), hash_token(token), plan, clean_title(title), language), token
        except IntegrityError:  # the code is taken (1 in 887 million per class): draw another
            continue
    raise RuntimeError("could not find a free class code")


DEFAULT_MAX_STUDENTS = 40
MAX_STUDENTS_LIMIT = 200


def class_size_limit(plan: dict) -> int:
    """How many students the teacher lets into the class (the plan's max_students)."""
    value = plan.get("max_students")
    return value if isinstance(value, int) and 1 <= value <= MAX_STUDENTS_LIMIT else DEFAULT_MAX_STUDENTS


def class_for_teacher(store: Store, token: str | None) -> ClassRecord | None:
    """The class this teacher token opens; None for a wrong, mangled or deleted class's token."""
    token = (token or "").strip()
    if not token or len(token) > 200:
        return None
    return store.class_by_teacher_hash(hash_token(token))


def _language_parameter(language: str) -> dict:
    return {} if language == i18n.DEFAULT else {i18n.QUERY_PARAMETER: language}


def join_url(base_url: str, code: str, language: str = i18n.DEFAULT) -> str:
    """The link students open: it fills in the code, and opens the app in the class's language."""
    return f"{base_url.rstrip('/')}/join?{urlencode({'code': code, **_language_parameter(language)})}"


def teacher_url(base_url: str, token: str, language: str = i18n.DEFAULT) -> str:
    """The teacher's private link to the dashboard, in the teacher's language."""
    return f"{base_url.rstrip('/')}/dashboard?{urlencode({'k': token, **_language_parameter(language)})}"


def qr_png(text: str, box_size: int = 12) -> bytes:
    """A QR code drawn here (no web service), black on white, with the quiet zone scanners need."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def item_limits(items: dict) -> tuple[int, int]:
    """The most test and practice questions the face library can give (test counts are even)."""
    counts = Counter((i.form, i.is_ai) for i in items.values())
    test = 2 * min(counts.get((form, ai), 0) for form in ("A", "B") for ai in (False, True))
    practice = min(len(course.draw_practice(items, 10_000, seed)) for seed in range(4))
    return test, practice
