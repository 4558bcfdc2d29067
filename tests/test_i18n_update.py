"""`python -m forum_toolkit.i18n.update`: new strings reach every catalog, translations are kept."""

import gettext

import pytest

from forum_toolkit.i18n.catalogs import CATALOG_LANGUAGES, catalog_path
from forum_toolkit.i18n.po import read_po, write_po
from forum_toolkit.i18n.update import main


@pytest.fixture
def project(tmp_path):
    """A package using two strings, and an empty locale directory."""
    package, locale = tmp_path / "pkg", tmp_path / "locale"
    package.mkdir()
    (package / "view.py").write_text(
        'def build(w):\n    return w.ui("Next"), w.ui_plural("{count} dot left", "{count} dots left", 2)\n', encoding="utf-8"
    )
    return package, locale


def run(project, *args):
    package, locale = project
    return main(list(args), locale_dir=locale, package_dir=package)


def translate(locale, language, msgid, *strings):
    path = catalog_path(language, locale)
    catalog = read_po(path)
    catalog.entries[msgid].strings = list(strings)
    write_po(catalog, path)


def test_a_first_run_makes_every_required_catalog_with_empty_translations(project, capsys):
    assert run(project) == 0
    _, locale = project
    for language in CATALOG_LANGUAGES:
        catalog = read_po(catalog_path(language, locale))
        assert set(catalog.entries) == {"Next", "{count} dot left"}
        assert not any(entry.translated for entry in catalog.entries.values())
        assert any("DRAFT" in line for line in catalog.header_comments)
        assert catalog_path(language, locale, ".mo").exists()
    assert catalog.entries["{count} dot left"].references == ["pkg/view.py:2"]
    assert "untranslated: 'Next'" in capsys.readouterr().out


def test_arabic_gets_six_empty_plural_forms_and_russian_three(project):
    run(project)
    _, locale = project
    assert read_po(catalog_path("ar", locale)).entries["{count} dot left"].strings == [""] * 6
    assert read_po(catalog_path("ru", locale)).entries["{count} dot left"].strings == [""] * 3


def test_translations_are_kept_and_compiled(project):
    run(project)
    _, locale = project
    translate(locale, "de", "Next", "Weiter")
    run(project)
    assert read_po(catalog_path("de", locale)).entries["Next"].strings == ["Weiter"]
    with open(catalog_path("de", locale, ".mo"), "rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("Next") == "Weiter"


def test_a_new_string_in_the_code_is_added_and_an_old_one_kept_until_pruned(project):
    package, locale = project
    run(project)
    translate(locale, "de", "Next", "Weiter")
    (package / "view.py").write_text('def build(w):\n    return w.ui("Start")\n', encoding="utf-8")
    run(project)
    assert set(read_po(catalog_path("de", locale)).entries) == {"Next", "{count} dot left", "Start"}
    run(project, "--prune")
    assert set(read_po(catalog_path("de", locale)).entries) == {"Start"}


def test_check_changes_nothing_and_fails_while_anything_is_untranslated(project):
    _, locale = project
    assert run(project, "--check") == 1
    assert not locale.exists()
    run(project)
    assert run(project, "--check") == 1  # up to date, but untranslated
    for language in CATALOG_LANGUAGES:
        forms = len(read_po(catalog_path(language, locale)).entries["{count} dot left"].strings)
        translate(locale, language, "Next", "x")
        translate(locale, language, "{count} dot left", *["{count} ·"] * forms)
    assert run(project, "--check") == 1  # the .mo files are stale
    run(project)
    assert run(project, "--check") == 0


def test_another_language_can_be_started(project):
    run(project, "--new", "ti")
    _, locale = project
    assert read_po(catalog_path("ti", locale)).header_field("Plural-Forms") == "nplurals=2; plural=(n > 1);"


def test_a_language_without_a_known_plural_rule_is_refused(project):
    with pytest.raises(SystemExit, match="no plural rule known for 'xx'"):
        run(project, "--new", "xx")
