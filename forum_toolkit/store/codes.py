"""Single-use ballot codes: making them, reading them back as people type them, hashing them.

A code is 8 characters from an alphabet without the characters people confuse (no 0/O, no 1/I/L),
printed as ``ABCD-EFGH``: 31**8, about 8.5e11 codes, so guessing one is hopeless. The store keeps
only ``sha256(session salt + code)``; the codes themselves exist only on the printed sheet.

People type codes on tablets and phones with many keyboards, so `normalize_code` forgives what a
reader cannot see: case, spaces, dashes, full-width forms (Chinese input methods), Arabic-Indic and
Persian digits, and Cyrillic or Greek letters that look like Latin ones (a Russian layout left on).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8

# Letters of other scripts that look like a letter or digit of the alphabet (after upper-casing).
_LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "А": "A", "В": "B", "Е": "E", "З": "3", "К": "K", "М": "M", "Н": "H", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "Ү": "Y",
        # Greek
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip


def new_codes(count: int) -> list[str]:
    """`count` distinct random codes in their printed form (``ABCD-EFGH``)."""
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))
    return [format_code(code) for code in codes]


def format_code(code: str) -> str:
    """The printed form of a normalized code: ``ABCDEFGH`` → ``ABCD-EFGH``."""
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def normalize_code(typed: str) -> str | None:
    """The code someone meant by what they typed, or None when it cannot be a code.

    >>> normalize_code(" abcd efgh ")
    'ABCDEFGH'
    """
    text = unicodedata.normalize("NFKC", typed).upper().translate(_LOOK_ALIKES)
    kept = []
    for char in text:
        if char.isspace() or unicodedata.category(char) == "Pd" or char in "._/":
            continue
        if char.isdigit() and not char.isascii():
            char = str(unicodedata.digit(char))  # ٢ and ۲ → 2
        kept.append(char)
    code = "".join(kept)
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def new_salt() -> str:
    return secrets.token_hex(16)


def hash_code(salt: str, code: str) -> str:
    """What the store keeps of a normalized code."""
    return hashlib.sha256((salt + code).encode("ascii")).hexdigest()
