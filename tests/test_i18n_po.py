"""Reading, writing and compiling gettext catalogs with the standard library only."""

import gettext
import io

import pytest

from forum_toolkit.i18n.catalogs import LOCALE_DIR, PLURAL_FORMS
from forum_toolkit.i18n.po import Catalog, Entry, PoSyntaxError, compile_mo, format_po, read_po

HEADER = f"Language: ru\nContent-Type: text/plain; charset=UTF-8\nPlural-Forms: {PLURAL_FORMS['ru']}\n"

SAMPLE = r'''# A sample catalog.
msgid ""
msgstr ""
"Language: ru\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

# a translator's note
#: forum_toolkit/widgets/dots.py:83
msgid "{count} dot left"
msgid_plural "{count} dots left"
msgstr[0] "Остался {count} балл"
msgstr[1] "Осталось {count} балла"
msgstr[2] "Осталось {count} баллов"

msgid "Say \"hi\""
msgstr ""
"Скажите \"привет\"\n"
"и всё"

#, fuzzy
msgid "Next"
msgstr "Дальше?"

msgid "Back"
msgstr ""
'''


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.po"
    path.write_text(SAMPLE, encoding="utf-8")
    return read_po(path)


def mo_reader(catalog: Catalog) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(compile_mo(catalog)))


def test_reading_a_catalog(sample):
    dots = sample.entries["{count} dot left"]
    assert dots.plural == "{count} dots left"
    assert dots.strings == ["Остался {count} балл", "Осталось {count} балла", "Осталось {count} баллов"]
    assert dots.comments == ["a translator's note"]
    assert dots.references == ["forum_toolkit/widgets/dots.py:83"]
    assert sample.entries['Say "hi"'].strings == ['Скажите "привет"\nи всё']
    assert sample.entries["Next"].flags == ["fuzzy"]
    assert sample.header_comments == ["# A sample catalog."]
    assert sample.header_field("language") == "ru"


def test_what_is_written_reads_back_the_same(sample, tmp_path):
    path = tmp_path / "again.po"
    path.write_text(format_po(sample), encoding="utf-8")
    assert read_po(path) == sample


@pytest.mark.parametrize("po_path", sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")), ids=lambda p: p.parent.parent.name)
def test_the_shipped_catalogs_are_written_in_the_same_layout(po_path):
    assert format_po(read_po(po_path)) == po_path.read_text(encoding="utf-8")


def test_the_compiled_catalog_reads_with_the_standard_gettext(sample):
    reader = mo_reader(sample)
    assert [reader.ngettext("{count} dot left", "{count} dots left", n) for n in (1, 3, 5)] == [
        "Остался {count} балл", "Осталось {count} балла", "Осталось {count} баллов"]
    assert reader.gettext('Say "hi"') == 'Скажите "привет"\nи всё'


def test_fuzzy_and_untranslated_entries_are_left_out_like_msgfmt_does(sample):
    reader = mo_reader(sample)
    assert reader.gettext("Next") == "Next"
    assert reader.gettext("Back") == "Back"


def test_compiling_is_deterministic(sample):
    assert compile_mo(sample) == compile_mo(sample)


def test_an_empty_catalog_compiles():
    reader = mo_reader(Catalog([], HEADER, {"Start": Entry("Start", None, ["Начать"])}))
    assert reader.gettext("Start") == "Начать"


def test_a_catalog_must_declare_utf8_or_gettext_could_not_read_it():
    with pytest.raises(ValueError, match="charset=UTF-8"):
        compile_mo(Catalog([], "Language: ru\n", {}))


@pytest.mark.parametrize(
    "text, message",
    [
        ('msgid ""\nmsgstr ""\n\nmsgstr "x"\n', "bad.po:4: expected msgid, found 'msgstr \"x\"'"),
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n', "bad.po:5: expected a quoted string"),
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "\\q"\n', "bad.po:5: unknown escape \\q"),
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', "bad.po:6: expected msgstr[0], found msgstr[1]"),
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "msgid 'a' appears twice"),
        ('msgid "a"\nmsgstr "b"\n', 'the first entry must be the header (msgid "")'),
    ],
)
def test_a_broken_catalog_names_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PoSyntaxError) as raised:
        read_po(path)
    assert message in str(raised.value)
