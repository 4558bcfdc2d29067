"""Labels in every language for exports, with a missing translation shown, never hidden.

Option, row, point and question labels come from the consultation. The few words an export adds
itself (statement stances, chosen / not chosen, the parts of a proposal) are below, in the town's
languages (translations not yet reviewed by native speakers). A label that had to fall back to
another language is written with that language in brackets first: ``[de] unter 30``.
"""

from __future__ import annotations

from forum_toolkit.consultation.model import Text


def _words(**by_language: str) -> Text:
    return Text(tuple(by_language.items()))


STANCE_LABELS: dict[str, Text] = {
    "agree": _words(de="stimme zu", en="agree", ar="أوافق", ru="согласен", uk="згоден",
                    tr="katılıyorum", fa="موافقم", kmr="ez razî me"),
    "disagree": _words(de="stimme nicht zu", en="disagree", ar="لا أوافق", ru="не согласен",
                       uk="не згоден", tr="katılmıyorum", fa="مخالفم", kmr="ez ne razî me"),
    "pass": _words(de="überspringen", en="pass", ar="تخطي", ru="пропустить", uk="пропустити",
                   tr="geç", fa="بگذر", kmr="derbas bibe"),
}

# The 0/1 columns of multiple choice and approval questions.
CHOSEN_LABELS: dict[str, Text] = {
    "1": _words(de="gewählt", en="chosen", ar="مختار", ru="выбрано", uk="обрано",
                tr="seçildi", fa="انتخاب شده", kmr="hate hilbijartin"),
    "0": _words(de="nicht gewählt", en="not chosen", ar="غير مختار", ru="не выбрано",
                uk="не обрано", tr="seçilmedi", fa="انتخاب نشده", kmr="nehate hilbijartin"),
}

PROPOSAL_PARTS: dict[str, Text] = {
    "title": _words(de="Titel", en="title", ar="العنوان", ru="заголовок", uk="заголовок",
                    tr="başlık", fa="عنوان", kmr="sernav"),
    "text": _words(de="Text", en="text", ar="النص", ru="текст", uk="текст",
                   tr="metin", fa="متن", kmr="nivîs"),
    "category": _words(de="Kategorie", en="category", ar="الفئة", ru="категория",
                       uk="категорія", tr="kategori", fa="دسته", kmr="kategorî"),
}


def label(text: Text, language: str, fallbacks: tuple[str, ...] = ("de", "en")) -> str:
    """`text` in `language`; a fallback is marked with its language, ``[de] Ja``; no text is ``""``."""
    translated = text.get(language, fallbacks)
    if translated.is_fallback and translated.text:
        return f"[{translated.language}] {translated.text}"
    return translated.text


def joined_label(first: Text, second: Text, language: str, fallbacks: tuple[str, ...]) -> str:
    """Two labels as one, ``question: option``, each marked when it fell back."""
    return f"{label(first, language, fallbacks)}: {label(second, language, fallbacks)}"
