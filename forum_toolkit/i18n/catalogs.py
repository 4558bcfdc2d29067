"""Where the interface catalogs live, which languages they must cover, and how one is looked up.

The interface strings (buttons, hints, messages) are written in English in the code and translated in
gettext catalogs, one per language:

    forum_toolkit/i18n/locale/<language>/LC_MESSAGES/forum_toolkit.po   what translators edit
    forum_toolkit/i18n/locale/<language>/LC_MESSAGES/forum_toolkit.mo   its compiled form, read here

`python -m forum_toolkit.i18n.update` adds new strings to every `.po` and compiles the `.mo` files.
At run time only the standard library's `gettext` module reads them.

`lookup` and `lookup_plural` answer None for a string a catalog does not translate, instead of
quietly returning the English text as plain gettext does: the caller decides how to show the gap.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "forum_toolkit"
LOCALE_DIR = Path(__file__).parent / "locale"

SOURCE_LANGUAGE = "en"  # the msgids are English
FALLBACK_LANGUAGE = "de"  # the town's language: shown (marked) when a translation is missing

# Every one of these catalogs must translate every interface string (tests/test_i18n_catalogs.py).
CATALOG_LANGUAGES = ("de", "en", "ar", "fa", "kmr", "ru", "uk", "tr")

# The gettext plural rule of each language a catalog can be made for: how many forms a counted
# word has, and which form a number takes (the formulas of the GNU gettext manual and CLDR).
PLURAL_FORMS: dict[str, str] = {
    "de": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    ),
    "fa": "nplurals=2; plural=(n > 1);",
    "kmr": "nplurals=2; plural=(n != 1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "uk": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "tr": "nplurals=2; plural=(n != 1);",
    "ti": "nplurals=2; plural=(n > 1);",
    "ckb": "nplurals=2; plural=(n != 1);",
    "prs": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
}


def N_(msgid: str) -> str:
    """Mark a string for translation where it is defined, and return it unchanged.

    For strings defined at module level (a table of labels, say) and translated later with
    ``wording.ui(label)``: the extraction finds the literal here.
    """
    return msgid


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted string for translation; later ``wording.ui_plural(*pair, count)``."""
    return singular, plural


def catalog_path(language: str, locale_dir: Path = LOCALE_DIR, suffix: str = ".po") -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


class _NotTranslated(LookupError):
    pass


class _RaiseWhenMissing(gettext.NullTranslations):
    """The last link of a catalog's fallback chain: turns "not in the catalog" into an exception."""

    def gettext(self, message):
        raise _NotTranslated(message)

    def ngettext(self, msgid1, msgid2, n):
        raise _NotTranslated(msgid1)


@lru_cache(maxsize=64)
def translations(language: str, locale_dir: Path = LOCALE_DIR) -> gettext.GNUTranslations | None:
    """The compiled catalog of `language` (``ar-SY`` finds ``ar``), or None when there is none.

    Catalogs are read once per process and never change; they hold no participant's state.
    """
    found = gettext.find(DOMAIN, str(locale_dir), languages=[language.replace("-", "_")])
    if found is None:
        return None
    with open(found, "rb") as file:
        catalog = gettext.GNUTranslations(file)
    catalog.add_fallback(_RaiseWhenMissing())
    return catalog


def lookup(language: str, msgid: str, locale_dir: Path = LOCALE_DIR) -> str | None:
    """`msgid` translated into `language`, or None when that catalog does not translate it."""
    catalog = translations(language, locale_dir)
    if catalog is None:
        return None
    try:
        return catalog.gettext(msgid)
    except _NotTranslated:
        return None


def lookup_plural(language: str, singular: str, plural: str, count: int, locale_dir: Path = LOCALE_DIR) -> str | None:
    """The form of a counted string that `count` takes in `language`, or None when untranslated."""
    catalog = translations(language, locale_dir)
    if catalog is None:
        return None
    try:
        return catalog.ngettext(singular, plural, count)
    except _NotTranslated:
        return None
