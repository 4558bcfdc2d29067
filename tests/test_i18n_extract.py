"""Finding the interface strings in the code by reading it."""

import textwrap

import pytest

from forum_toolkit.i18n import N_, N_plural, ui_strings
from forum_toolkit.i18n.extract import extract


NOT_LITERAL = "is not given a literal string; give one with {placeholders} and pass the values as keyword arguments"


@pytest.fixture
def package(tmp_path):
    """A tiny package `pkg/` with one module; write its source with `package.write(...)`."""

    class Package:
        root = tmp_path / "pkg"

        def write(self, source: str, name: str = "view.py"):
            self.root.mkdir(exist_ok=True)
            (self.root / name).write_text(textwrap.dedent(source), encoding="utf-8")
            return extract(self.root)

    return Package()


def test_literals_given_to_ui_ui_plural_and_the_markers_are_found(package):
    messages, problems = package.write(
        """
        from forum_toolkit.i18n import N_, N_plural

        LABEL = N_("Agree")
        LEFT = N_plural("{count} try left", "{count} tries left")

        def build(wording):
            ui = wording.ui
            return [wording.ui("Next"), ui("Title"), wording.ui_plural("{count} dot left", "{count} dots left", 3)]
        """
    )
    assert problems == []
    found = {m.msgid: m.plural for m in messages}
    assert found == {
        "Agree": None, "{count} try left": "{count} tries left", "Next": None, "Title": None,
        "{count} dot left": "{count} dots left",
    }
    assert [m.places for m in messages if m.msgid == "Next"] == [("pkg/view.py:9",)]


def test_a_variable_is_fine_it_was_marked_where_it_was_defined(package):
    messages, problems = package.write("def build(wording, label):\n    return wording.ui(label)\n")
    assert (messages, problems) == ([], [])


@pytest.mark.parametrize(
    "call, why",
    [
        ('wording.ui(f"{n} left")', f"ui() {NOT_LITERAL}"),
        ('wording.ui("a" + b)', f"ui() {NOT_LITERAL}"),
        ("N_(label)", f"N_() {NOT_LITERAL}"),
        ('wording.ui("")', "ui() is given an empty string"),
        ('N_plural("one")', "N_plural() needs 2 text argument(s)"),
    ],
)
def test_text_that_can_never_match_a_catalog_is_reported(package, call, why):
    _, problems = package.write(f"def build(wording, n, b, label):\n    return {call}\n")
    assert [str(p) for p in problems] == [f"pkg/view.py:2: {why}"]


def test_one_msgid_with_two_plurals_is_reported(package):
    _, problems = package.write(
        'def build(wording):\n    wording.ui("{count} dot")\n    wording.ui_plural("{count} dot", "{count} dots", 2)\n'
    )
    assert [str(p) for p in problems] == [
        "pkg/view.py:3: '{count} dot' is used with plural '{count} dots' here and None at pkg/view.py:2"
    ]


def test_the_markers_return_what_they_are_given():
    assert N_("Agree") == "Agree"
    assert N_plural("{count} dot left", "{count} dots left") == ("{count} dot left", "{count} dots left")


def test_ui_strings_lists_every_msgid_of_the_package():
    strings = ui_strings()
    assert strings == tuple(sorted(set(strings)))
    assert {"Next", "Choose at most {limit}.", "This code has already been used. Please ask the staff for a new one."} <= set(strings)
