"""The participant's wording: translations, visible fallbacks, plural forms, direction, parameters."""

import pytest

from forum_toolkit.consultation.languages import Language, known_language
from forum_toolkit.consultation.model import Access, Consultation, Text
from forum_toolkit.i18n import CatalogWording, wording_for
from forum_toolkit.i18n.catalogs import PLURAL_FORMS, catalog_path
from forum_toolkit.i18n.po import Catalog, Entry, compile_mo, write_po

DOT = ("{count} dot left", "{count} dots left")


def make_catalogs(locale_dir, **by_language):
    """Compile small catalogs into `locale_dir`: ``de={"Next": "Weiter", DOT: ["...", "..."]}``."""
    for language, translations in by_language.items():
        header = f"Language: {language}\nContent-Type: text/plain; charset=UTF-8\nPlural-Forms: {PLURAL_FORMS[language]}\n"
        entries = {}
        for msgid, strings in translations.items():
            if isinstance(msgid, tuple):
                entries[msgid[0]] = Entry(msgid[0], msgid[1], list(strings))
            else:
                entries[msgid] = Entry(msgid, None, [strings])
        catalog = Catalog([], header, entries)
        write_po(catalog, catalog_path(language, locale_dir))
        catalog_path(language, locale_dir, ".mo").write_bytes(compile_mo(catalog))
    return locale_dir


@pytest.fixture
def gappy_catalogs(tmp_path):
    """German translates everything, Arabic lacks "Next" and the dots, English lacks "Back"."""
    return make_catalogs(
        tmp_path,
        de={"Next": "Weiter", "Back": "Zurück", "Page {page} of {pages}": "Seite {page} von {pages}",
            DOT: ["Noch {count} Punkt", "Noch {count} Punkte"]},
        ar={"Back": "رجوع", "Page {page} of {pages}": "الصفحة {page} من {pages}"},
        en={"Next": "Next"},
        ru={"Next": "Далее {broken}"},
    )


def test_a_translated_string_is_shown_as_translated(gappy_catalogs):
    assert wording_for("ar", locale_dir=gappy_catalogs).ui("Back") == "رجوع"


def test_a_string_missing_in_the_language_shows_in_german_marked(gappy_catalogs):
    assert wording_for("ar", locale_dir=gappy_catalogs).ui("Next") == "[de] Weiter"


def test_a_string_missing_in_german_too_shows_its_english_msgid_marked(gappy_catalogs):
    assert wording_for("ar", locale_dir=gappy_catalogs).ui("Start") == "[en] Start"
    assert wording_for("de", locale_dir=gappy_catalogs).ui("Start") == "[en] Start"


def test_english_needs_no_marker_the_msgid_is_english(gappy_catalogs):
    assert wording_for("en", locale_dir=gappy_catalogs).ui("Back") == "Back"


def test_a_language_without_any_catalog_falls_back_visibly(gappy_catalogs):
    assert wording_for("ti", locale_dir=gappy_catalogs).ui("Next") == "[de] Weiter"
    assert wording_for("ti").ui("Next") == "[de] Weiter"  # the shipped catalogs have no Tigrinya


def test_a_counted_string_falls_back_in_german_with_the_german_plural(gappy_catalogs):
    wording = wording_for("ar", locale_dir=gappy_catalogs)
    assert wording.ui_plural(*DOT, 1) == "[de] Noch 1 Punkt"
    assert wording.ui_plural(*DOT, 3) == "[de] Noch 3 Punkte"
    assert wording_for("ar", locale_dir=gappy_catalogs).ui_plural("{count} try", "{count} tries", 2) == "[en] 2 tries"


def test_params_are_filled_in_after_translating(gappy_catalogs):
    assert wording_for("ar", locale_dir=gappy_catalogs).ui("Page {page} of {pages}", page=2, pages=5) == "الصفحة 2 من 5"
    assert wording_for("fa", locale_dir=gappy_catalogs).ui("Page {page} of {pages}", page=2, pages=5) == "[de] Seite 2 von 5"


def test_a_translation_with_a_wrong_placeholder_shows_the_english_marked_not_an_error(gappy_catalogs):
    assert wording_for("ru", locale_dir=gappy_catalogs).ui("Next") == "[en] Next"


@pytest.mark.parametrize(
    "language, expected",
    [("de", "Seite 2 von 7"), ("en", "Page 2 of 7"), ("ar", "الصفحة 2 من 7"), ("ru", "Страница 2 из 7"), ("tr", "Sayfa 2 / 7")],
)
def test_the_shipped_catalogs_fill_in_params(language, expected):
    assert wording_for(language).ui("Page {page} of {pages}", page=2, pages=7) == expected


def test_a_counted_string_gets_count_and_other_params():
    wording = wording_for("de")
    assert wording.ui_plural("{count} dot left", "{count} dots left", 1) == "Noch 1 Punkt übrig"
    assert wording.ui_plural("{count} dot left", "{count} dots left", 4, unused="x") == "Noch 4 Punkte übrig"


@pytest.mark.parametrize("count, form", [(0, 0), (1, 1), (2, 2), (3, 3), (10, 3), (11, 4), (99, 4), (100, 5), (102, 5), (103, 3)])
def test_arabic_has_six_plural_forms(tmp_path, count, form):
    locale_dir = make_catalogs(tmp_path, ar={DOT: [f"form {i}: {{count}}" for i in range(6)]})
    assert wording_for("ar", locale_dir=locale_dir).ui_plural(*DOT, count) == f"form {form}: {count}"


@pytest.mark.parametrize("count, form", [(1, 0), (2, 1), (4, 1), (5, 2), (11, 2), (12, 2), (21, 0), (22, 1), (111, 2)])
def test_russian_and_ukrainian_have_three_plural_forms(tmp_path, count, form):
    locale_dir = make_catalogs(tmp_path, ru={DOT: [f"form {i}" for i in range(3)]}, uk={DOT: [f"form {i}" for i in range(3)]})
    assert wording_for("ru", locale_dir=locale_dir).ui_plural(*DOT, count) == f"form {form}"
    assert wording_for("uk", locale_dir=locale_dir).ui_plural(*DOT, count) == f"form {form}"


@pytest.mark.parametrize("language, counts", [("fa", {0: 0, 1: 0, 2: 1}), ("tr", {0: 1, 1: 0, 2: 1})])
def test_farsi_and_turkish_have_two_plural_forms(tmp_path, language, counts):
    locale_dir = make_catalogs(tmp_path, **{language: {DOT: ["form 0", "form 1"]}})
    for count, form in counts.items():
        assert wording_for(language, locale_dir=locale_dir).ui_plural(*DOT, count) == f"form {form}"


@pytest.mark.parametrize(
    "count, expected",
    [(0, "المتبقي: 0 نقطة"), (1, "المتبقي: 1 نقطة"), (2, "المتبقي: 2 نقطة"), (3, "المتبقي: 3 نقاط"),
     (11, "المتبقي: 11 نقطة"), (100, "المتبقي: 100 نقطة")],
)
def test_the_shipped_arabic_catalog_counts_dots(count, expected):
    assert wording_for("ar").ui_plural(*DOT, count) == expected


@pytest.mark.parametrize(
    "count, expected", [(1, "Остался 1 балл"), (2, "Осталось 2 балла"), (5, "Осталось 5 баллов"), (21, "Остался 21 балл")]
)
def test_the_shipped_russian_catalog_counts_dots(count, expected):
    assert wording_for("ru").ui_plural(*DOT, count) == expected


@pytest.mark.parametrize("language", ["ar", "fa", "ckb", "ps", "ur", "he", "prs", "ar-SY"])
def test_right_to_left_languages(language):
    assert wording_for(language).direction == "rtl"


@pytest.mark.parametrize("language", ["de", "en", "kmr", "ru", "uk", "tr", "ti", "xx"])
def test_left_to_right_languages(language):
    assert wording_for(language).direction == "ltr"


def consultation(*languages: Language, default="de") -> Consultation:
    return Consultation("c", Text((("de", "T"),)), Text(()), languages, default, Access.OPEN, False, ())


def test_a_consultation_declares_the_direction_of_a_language_it_brings():
    rohingya = Language("rhg-Arab", "Rohingya", "rtl", reviewed=False)
    assert wording_for("rhg-Arab", consultation(known_language("de"), rohingya)).direction == "rtl"


def test_a_consultation_text_in_the_language_is_shown_as_is():
    text = Text((("de", "Wie alt sind Sie?"), ("ar", "كم عمركم؟")))
    assert wording_for("ar").text(text) == "كم عمركم؟"


def test_a_consultation_text_missing_in_the_language_is_marked():
    text = Text((("de", "Wie alt sind Sie?"), ("en", "How old are you?")))
    assert wording_for("ar").text(text) == "[de] Wie alt sind Sie?"


def test_a_consultation_text_falls_back_to_the_consultations_default_language_first():
    text = Text((("de", "Ja"), ("tr", "Evet")))
    survey = consultation(known_language("tr"), known_language("de"), known_language("ar"), default="tr")
    assert wording_for("ar", survey).text(text) == "[tr] Evet"


def test_an_empty_consultation_text_stays_empty():
    assert wording_for("ar").text(Text(())) == ""


def test_the_wording_has_what_the_widgets_protocol_asks_for():
    from forum_toolkit.widgets.base import Wording

    wording = wording_for("uk")
    assert isinstance(wording, CatalogWording)
    for name in ("ui", "ui_plural", "text"):
        assert callable(getattr(wording, name)) and hasattr(Wording, name)
    assert (wording.language, wording.direction) == ("uk", "ltr")
