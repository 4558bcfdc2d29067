"""Bring the catalogs up to date with the code: ``python -m forum_toolkit.i18n.update``.

1. Finds every interface string in forum_toolkit (`extract.py`: ``.ui``, ``.ui_plural``, ``N_``).
2. Adds each one a catalog lacks to every `.po` file, with an empty translation, and refreshes the
   ``#:`` lines that say where the code uses it. Translations are never removed or changed; strings
   no longer used are kept and listed, so that a translator's work is not lost by a refactoring.
3. Compiles every `.po` into its `.mo` (with `po.compile_mo`, standard library only: no Babel and no
   GNU gettext tools needed).
4. Prints what is still untranslated, per language.

Options: ``--check`` changes nothing and exits 1 when a catalog or `.mo` is out of date or a
translation is missing (for CI); ``--prune`` removes strings no code uses any more (check the list
it prints first); ``--new LANGUAGE`` starts a catalog for another language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forum_toolkit.consultation.languages import KNOWN
from forum_toolkit.i18n.catalogs import CATALOG_LANGUAGES, LOCALE_DIR, PLURAL_FORMS, catalog_path
from forum_toolkit.i18n.extract import PACKAGE_DIR, Message, extract
from forum_toolkit.i18n.po import Catalog, Entry, compile_mo, format_po, read_po


def nplurals(catalog: Catalog) -> int:
    forms = catalog.header_field("Plural-Forms") or "nplurals=2;"
    return int(forms.split("nplurals=")[1].split(";")[0])


def new_catalog(language: str) -> Catalog:
    """An empty catalog for `language`, its header saying the translation is not reviewed."""
    if language not in PLURAL_FORMS:
        raise SystemExit(f"no plural rule known for {language!r}: add it to PLURAL_FORMS in catalogs.py")
    name = KNOWN.get(language, (language,))[0]
    comments = [
        f"# forum_toolkit: the ballot app's interface strings in {name} ({language}).",
        "# DRAFT: these translations await review by a native speaker. When one has checked them,",
        "# set X-Review-Status below to: reviewed by <name>, <date>.",
        "# Write for readers at level A2: short sentences, common words; keep every {placeholder}.",
    ]
    header = (
        "Project-Id-Version: forum_toolkit\n"
        f"Language: {language}\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        f"Plural-Forms: {PLURAL_FORMS[language]}\n"
        "X-Review-Status: draft, not reviewed by a native speaker\n"
    )
    return Catalog(comments, header, {})


def merge(catalog: Catalog, messages: list[Message]) -> Catalog:
    """`catalog` with every message of the code in it; existing translations are kept."""
    forms = nplurals(catalog)
    for message in messages:
        entry = catalog.entries.get(message.msgid)
        if entry is None:
            entry = catalog.entries[message.msgid] = Entry(message.msgid)
        if entry.plural != message.plural:
            # The code now counts this string (or stopped counting it): keep the old text, flagged.
            entry.plural = message.plural
            entry.strings = (entry.strings + [""] * forms)[: forms if message.plural else 1]
            if any(entry.strings) and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
        if message.plural is not None and len(entry.strings) != forms:
            entry.strings = (entry.strings + [""] * forms)[:forms]
        entry.references = list(message.places)
    return catalog


def _strings(catalog: Catalog) -> dict[str, tuple]:
    return {e.msgid: (e.plural, tuple(e.strings), tuple(e.flags)) for e in catalog.entries.values()}


def untranslated(catalog: Catalog, messages: list[Message]) -> list[str]:
    return [m.msgid for m in messages if not catalog.entries[m.msgid].translated]


def main(argv: list[str] | None = None, locale_dir: Path = LOCALE_DIR, package_dir: Path = PACKAGE_DIR) -> int:
    parser = argparse.ArgumentParser(prog="python -m forum_toolkit.i18n.update", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when anything is out of date")
    parser.add_argument("--prune", action="store_true", help="remove the strings no code uses any more")
    parser.add_argument("--new", metavar="LANGUAGE", action="append", default=[], help="start a catalog for LANGUAGE")
    args = parser.parse_args(argv)

    messages, problems = extract(package_dir)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    languages = sorted({*CATALOG_LANGUAGES, *args.new, *(p.parent.parent.name for p in locale_dir.glob("*/LC_MESSAGES/*.po"))})
    used = {m.msgid for m in messages}
    stale = bool(problems)
    for language in languages:
        po_path, mo_path = catalog_path(language, locale_dir), catalog_path(language, locale_dir, ".mo")
        before = read_po(po_path) if po_path.exists() else None
        catalog = merge(read_po(po_path) if before is not None else new_catalog(language), messages)
        if args.prune:
            catalog.entries = {msgid: e for msgid, e in catalog.entries.items() if msgid in used}
        compiled = compile_mo(catalog)
        # Only the strings count: the "#:" lines move whenever someone edits the code around them.
        changed = before is None or _strings(before) != _strings(catalog)
        changed = changed or not mo_path.exists() or mo_path.read_bytes() != compiled
        missing = untranslated(catalog, messages)
        unused = [msgid for msgid in catalog.entries if msgid not in used]
        if not args.check:
            po_path.parent.mkdir(parents=True, exist_ok=True)
            po_path.write_text(format_po(catalog), encoding="utf-8")
            mo_path.write_bytes(compiled)
        state = ("out of date" if args.check else "updated") if changed else "up to date"
        print(f"{language}: {len(messages)} strings, {len(missing)} untranslated, {len(unused)} unused; {state}")
        for msgid in missing:
            print(f"  untranslated: {msgid!r}")
        stale = stale or changed or bool(missing and language in CATALOG_LANGUAGES)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
