"""Languages a consultation can offer: their own names and writing direction.

A consultation names languages by code (`de`, `ar`, `kmr`, ...). Codes in `KNOWN` need nothing more;
another well-formed code can be used when the file gives its `name` and `direction`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?$")


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's name for itself: العربية, not "Arabic"
    direction: str  # "ltr" or "rtl"
    reviewed: bool = True  # False: no native speaker has reviewed this file's translation yet

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


# code: (own name, direction). Codes are ISO 639-1 where one exists, else ISO 639-3.
KNOWN: dict[str, tuple[str, str]] = {
    "de": ("Deutsch", "ltr"),
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
    "fa": ("فارسی", "rtl"),
    "prs": ("دری", "rtl"),
    "kmr": ("Kurmancî", "ltr"),
    "ckb": ("کوردیی ناوەندی", "rtl"),
    "ti": ("ትግርኛ", "ltr"),
    "ru": ("Русский", "ltr"),
    "uk": ("Українська", "ltr"),
    "tr": ("Türkçe", "ltr"),
    "zh": ("中文", "ltr"),
    "ps": ("پښتو", "rtl"),
    "so": ("Soomaali", "ltr"),
    "pl": ("Polski", "ltr"),
    "ro": ("Română", "ltr"),
    "bg": ("Български", "ltr"),
    "sq": ("Shqip", "ltr"),
    "sr": ("Српски", "ltr"),
    "hr": ("Hrvatski", "ltr"),
    "bs": ("Bosanski", "ltr"),
    "it": ("Italiano", "ltr"),
    "es": ("Español", "ltr"),
    "fr": ("Français", "ltr"),
    "vi": ("Tiếng Việt", "ltr"),
    "ur": ("اردو", "rtl"),
    "he": ("עברית", "rtl"),
    "am": ("አማርኛ", "ltr"),
}


def known_language(code: str, reviewed: bool = True) -> Language:
    name, direction = KNOWN[code]
    return Language(code, name, direction, reviewed)
