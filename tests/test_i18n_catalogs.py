"""Every interface string the code uses is translated in every catalog the town relies on.

The strings are read from the code itself (every Python file under forum_toolkit, parsed with `ast`:
literals given to ``.ui(...)``, ``.ui_plural(...)``, ``N_(...)`` and ``N_plural(...)``). When this
fails, run ``python -m forum_toolkit.i18n.update``, translate the new entries it lists and commit the
`.po` and `.mo` files together.
"""

import string
from collections import Counter

import pytest

from forum_toolkit.i18n.catalogs import CATALOG_LANGUAGES, LOCALE_DIR, PLURAL_FORMS, catalog_path
from forum_toolkit.i18n.extract import extract
from forum_toolkit.i18n.po import compile_mo, read_po
from forum_toolkit.i18n.update import nplurals

MESSAGES, PROBLEMS = extract()
ALL_CATALOGS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/forum_toolkit.po"))
FIX = "run `python -m forum_toolkit.i18n.update` and translate what it lists"


def language_of(po_path):
    return po_path.parent.parent.name


def placeholders(text: str) -> Counter:
    """The {fields} of a format string, with their conversion and format spec: ``{low:g}``."""
    return Counter(
        (name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None
    )


def test_the_code_marks_interface_strings_as_literals():
    assert MESSAGES, "no interface strings found: has the extraction broken?"
    assert not PROBLEMS, "\n".join(str(problem) for problem in PROBLEMS)


def test_the_planned_ballot_strings_are_among_them():
    msgids = {message.msgid for message in MESSAGES}
    for msgid in ("Choose your language", "Saving…", "{count} dot left", "Not sure / prefer not to say"):
        assert msgid in msgids


def test_every_required_catalog_exists():
    assert {language_of(path) for path in ALL_CATALOGS} >= set(CATALOG_LANGUAGES)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_interface_string_is_translated(language):
    catalog = read_po(catalog_path(language))
    forms = nplurals(catalog)
    gaps = []
    for message in MESSAGES:
        entry = catalog.entries.get(message.msgid)
        where = f"(used at {message.places[0]})"
        if entry is None:
            gaps.append(f"{language}: no entry for {message.msgid!r} {where}")
        elif entry.plural != message.plural:
            gaps.append(f"{language}: {message.msgid!r} has plural {entry.plural!r}, the code {message.plural!r}")
        elif not entry.translated:
            gaps.append(f"{language}: {message.msgid!r} is not translated {where}")
        elif entry.plural is not None and len(entry.strings) != forms:
            gaps.append(f"{language}: {message.msgid!r} has {len(entry.strings)} plural forms, not {forms}")
    assert not gaps, f"{FIX}:\n" + "\n".join(gaps)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_the_plural_rule_is_the_languages_own(language):
    catalog = read_po(catalog_path(language))
    assert catalog.header_field("Plural-Forms") == PLURAL_FORMS[language]
    assert catalog.header_field("Language") == language


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_the_header_says_how_far_the_translation_is_reviewed(language):
    catalog = read_po(catalog_path(language))
    status = catalog.header_field("X-Review-Status")
    assert status
    if "not reviewed" in status:
        assert any("DRAFT" in line for line in catalog.header_comments)


@pytest.mark.parametrize("po_path", ALL_CATALOGS, ids=language_of)
def test_translations_keep_the_placeholders_of_their_msgid(po_path):
    catalog = read_po(po_path)
    wrong = []
    for entry in catalog.entries.values():
        expected = placeholders(entry.msgid) | placeholders(entry.plural or "")
        for index, text in enumerate(entry.strings):
            if not text:
                continue
            try:
                found = placeholders(text)
            except ValueError as error:  # a lone { or }
                wrong.append(f"{entry.msgid!r}: msgstr[{index}] {text!r} is not a format string: {error}")
                continue
            if set(found) != set(expected):
                names = sorted(name for name, _, _ in found)
                wrong.append(f"{entry.msgid!r}: msgstr[{index}] {text!r} has placeholders {names}")
    assert not wrong, f"{language_of(po_path)}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("po_path", ALL_CATALOGS, ids=language_of)
def test_the_compiled_catalog_is_the_po_compiled(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: {FIX}"
    compiled = compile_mo(read_po(po_path))
    if mo_path.read_bytes() != compiled:
        age = "older than" if mo_path.stat().st_mtime < po_path.stat().st_mtime else "different from"
        pytest.fail(f"{mo_path} is {age} its .po: {FIX}")
