"""A participant's language: everything a ballot page says, in that language, gaps marked.

    wording = wording_for("ar", consultation)
    wording.direction                                   # "rtl": lay the page out right to left
    wording.ui("Next")                                  # "التالي"
    wording.ui_plural("{count} dot left", "{count} dots left", 3)   # "بقيت 3 نقاط"
    wording.text(question.text)                         # the question as the consultation file gives it

A missing translation is shown, never hidden: the text comes in another language with that language
in brackets first, the same convention as the exports (`forum_toolkit.export.labels`):

- an interface string the catalog lacks comes from the German catalog, ``[de] Weiter``, else as its
  English msgid, ``[en] Next`` (English itself needs no marker: the msgid is English);
- a consultation text the file lacks in this language comes in the consultation's fallback language,
  ``[de] Wie alt sind Sie?``.

`CatalogWording` implements the `Wording` protocol of `forum_toolkit.widgets.base`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forum_toolkit.consultation.languages import KNOWN
from forum_toolkit.consultation.model import Consultation, Text
from forum_toolkit.i18n.catalogs import FALLBACK_LANGUAGE, LOCALE_DIR, SOURCE_LANGUAGE, lookup, lookup_plural


def marked(language: str, text: str) -> str:
    """`text` shown in another language than the one asked for: ``[de] Weiter``."""
    return f"[{language}] {text}"


def base_language(language: str) -> str:
    """``ar-SY`` → ``ar``: the language without its script and region."""
    return language.split("-")[0]


def direction_of(language: str, consultation: Consultation | None = None) -> str:
    """"rtl" or "ltr": as the consultation declares the language, else as `languages.KNOWN` says."""
    if consultation is not None:
        for declared in consultation.languages:
            if declared.code == language:
                return declared.direction
    for code in (language, base_language(language)):
        if code in KNOWN:
            return KNOWN[code][1]
    return "ltr"


class CatalogWording:
    """Interface strings from the gettext catalogs, consultation texts from the file, in one language.

    Build it with `wording_for`. It holds no state besides the language, so one object can serve
    every page a participant sees, and switching the language means making a new one.
    """

    def __init__(
        self,
        language: str,
        direction: str = "ltr",
        fallbacks: tuple[str, ...] = ("de", "en"),
        locale_dir: Path = LOCALE_DIR,
    ):
        self.language = language
        self.direction = direction
        self.fallbacks = fallbacks  # for consultation texts
        self.locale_dir = locale_dir

    def __repr__(self) -> str:
        return f"CatalogWording({self.language!r}, direction={self.direction!r})"

    def ui(self, message: str, **params: Any) -> str:
        """The interface string `message` (an English msgid), translated, then ``.format(**params)``."""
        found = lookup(self.language, message, self.locale_dir)
        if found is not None:
            return self._format(found, message, params)
        if base_language(self.language) == SOURCE_LANGUAGE:
            return message.format(**params)
        german = None if self._is_german else lookup(FALLBACK_LANGUAGE, message, self.locale_dir)
        if german is not None:
            return marked(FALLBACK_LANGUAGE, self._format(german, message, params))
        return marked(SOURCE_LANGUAGE, message.format(**params))

    def ui_plural(self, singular: str, plural: str, count: int, **params: Any) -> str:
        """The form of a counted string that `count` takes; `count` is also passed to ``.format``."""
        params = {**params, "count": count}
        english = singular if count == 1 else plural
        found = lookup_plural(self.language, singular, plural, count, self.locale_dir)
        if found is not None:
            return self._format(found, english, params)
        if base_language(self.language) == SOURCE_LANGUAGE:
            return english.format(**params)
        german = None if self._is_german else lookup_plural(FALLBACK_LANGUAGE, singular, plural, count, self.locale_dir)
        if german is not None:
            return marked(FALLBACK_LANGUAGE, self._format(german, english, params))
        return marked(SOURCE_LANGUAGE, english.format(**params))

    def text(self, text: Text) -> str:
        """A consultation text in this language, else marked in the first fallback that has it."""
        translated = text.get(self.language, self.fallbacks)
        if translated.is_fallback and translated.text:
            return marked(translated.language, translated.text)
        return translated.text

    @property
    def _is_german(self) -> bool:
        return base_language(self.language) == FALLBACK_LANGUAGE

    @staticmethod
    def _format(translated: str, english: str, params: dict[str, Any]) -> str:
        """A translation with its placeholders filled in; a broken translation (a placeholder the
        English has not) gives the English, marked, rather than an error on a participant's screen."""
        try:
            return translated.format(**params)
        except (KeyError, IndexError, ValueError):
            return marked(SOURCE_LANGUAGE, english.format(**params))


def wording_for(language: str, consultation: Consultation | None = None, *, locale_dir: Path | None = None) -> CatalogWording:
    """The wording for a participant who chose `language`.

    With a consultation, its texts fall back to its default language, then German and English
    (`Consultation.fallbacks`), and its own declaration of a language's direction counts first.
    `locale_dir` is for tests and tools that bring their own catalogs.
    """
    fallbacks = consultation.fallbacks() if consultation is not None else (FALLBACK_LANGUAGE, SOURCE_LANGUAGE)
    return CatalogWording(language, direction_of(language, consultation), fallbacks, locale_dir or LOCALE_DIR)
