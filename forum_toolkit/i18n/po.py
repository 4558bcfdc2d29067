"""Reading and writing gettext catalogs with the standard library only.

A `.po` file is the text translators edit; a `.mo` file is its compiled form that Python's `gettext`
module reads at run time. This module reads the small subset of the `.po` format that our catalogs
use (comments, flags, `msgid`, `msgid_plural`, `msgstr`, `msgstr[n]`, strings continued over several
lines), writes it back in one stable layout, and compiles `.mo` files the way GNU `msgfmt` does:
untranslated and fuzzy entries are left out, so that a lookup of them finds nothing.

    catalog = read_po(Path("locale/ar/LC_MESSAGES/forum_toolkit.po"))
    catalog.entries["Next"].strings        # ['التالي']
    Path("forum_toolkit.mo").write_bytes(compile_mo(catalog))

Compiling is deterministic: the same `.po` always gives the same bytes, so a test can compile a
catalog again and compare it with the committed `.mo`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    """One message: its English msgid (and plural msgid), and its translation(s).

    `strings` holds one msgstr, or one per plural form (msgstr[0], msgstr[1], ...).
    An empty string means "not translated yet".
    """

    msgid: str
    plural: str | None = None
    strings: list[str] = field(default_factory=lambda: [""])
    comments: list[str] = field(default_factory=list)  # translators' notes, "# ..."
    references: list[str] = field(default_factory=list)  # where the code uses it, "#: file:line"
    flags: list[str] = field(default_factory=list)  # "#, fuzzy" and the like

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and all(self.strings)


@dataclass
class Catalog:
    """A whole `.po` file: its opening comments, its header (msgstr of msgid "") and its entries."""

    header_comments: list[str]
    header: str
    entries: dict[str, Entry]

    def header_field(self, name: str) -> str | None:
        for line in self.header.splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return None


class PoSyntaxError(ValueError):
    """A line of a `.po` file that this reader does not understand; names the file and line."""


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str, where: str) -> str:
    """The value of one quoted `.po` string, with its escapes (\\n \\t \\" \\\\) resolved."""
    text = text.strip()
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        raise PoSyntaxError(f"{where}: expected a quoted string, found {text!r}")
    out, chars = [], iter(text[1:-1])
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            if escaped not in _ESCAPES:
                raise PoSyntaxError(f"{where}: unknown escape \\{escaped} in {text}")
            char = _ESCAPES[escaped]
        out.append(char)
    return "".join(out)


def read_po(path: Path) -> Catalog:
    """Read a `.po` file; raises PoSyntaxError naming the file and line of anything unexpected."""
    header_comments: list[str] = []
    entries: list[Entry] = []
    current: Entry | None = None
    pending = Entry("")  # comments and flags seen before the next msgid
    target: tuple[str, int] | None = None  # which string a continuation line extends
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        line = raw.strip()
        if not line:
            current, target = None, None
        elif line.startswith("#") and not entries:
            header_comments.append(line)  # the comments above the header: what the file is
        elif line.startswith("#:"):
            pending.references.extend(line[2:].split())
        elif line.startswith("#,"):
            pending.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
        elif line.startswith(("#.", "#~", "#|")):
            continue  # extracted comments, obsolete entries, previous msgids: not used here
        elif line.startswith("#"):
            pending.comments.append(line[1:].strip())
        elif line.startswith("msgid "):
            current = Entry(_unquote(line[6:], where), None, [""], pending.comments, pending.references, pending.flags)
            pending, target = Entry(""), ("msgid", 0)
            entries.append(current)
        elif current is None:
            raise PoSyntaxError(f"{where}: expected msgid, found {line!r}")
        elif line.startswith("msgid_plural "):
            current.plural, target = _unquote(line[13:], where), ("plural", 0)
        elif line.startswith("msgstr "):
            current.strings, target = [_unquote(line[7:], where)], ("msgstr", 0)
        elif line.startswith("msgstr["):
            index, _, rest = line[7:].partition("]")
            expected = 0 if target is None or target[0] != "msgstr" else len(current.strings)
            if index != str(expected):
                raise PoSyntaxError(f"{where}: expected msgstr[{expected}], found msgstr[{index}]")
            text = _unquote(rest, where)
            current.strings = [text] if expected == 0 else [*current.strings, text]
            target = ("msgstr", expected)
        elif line.startswith('"') and target is not None:
            _extend(current, target, _unquote(line, where))
        else:
            raise PoSyntaxError(f"{where}: unexpected line {line!r}")
    if not entries or entries[0].msgid != "":
        raise PoSyntaxError(f"{path}: the first entry must be the header (msgid \"\")")
    header, *messages = entries
    by_msgid: dict[str, Entry] = {}
    for entry in messages:
        if entry.msgid in by_msgid:
            raise PoSyntaxError(f"{path}: msgid {entry.msgid!r} appears twice")
        by_msgid[entry.msgid] = entry
    return Catalog(header_comments, header.strings[0], by_msgid)


def _extend(entry: Entry, target: tuple[str, int], text: str) -> None:
    kind, index = target
    if kind == "msgid":
        entry.msgid += text
    elif kind == "plural":
        entry.plural = (entry.plural or "") + text
    else:
        entry.strings[index] += text


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{part}"' for part in parts)


def format_po(catalog: Catalog) -> str:
    """The `.po` text of `catalog`, entries in the order they are stored."""
    out = [*catalog.header_comments, 'msgid ""', "msgstr " + _quote(catalog.header), ""]
    for entry in catalog.entries.values():
        out.extend(f"# {comment}" for comment in entry.comments)
        out.extend(f"#: {reference}" for reference in entry.references)
        if entry.flags:
            out.append("#, " + ", ".join(entry.flags))
        out.append("msgid " + _quote(entry.msgid))
        if entry.plural is None:
            out.append("msgstr " + _quote(entry.strings[0]))
        else:
            out.append("msgid_plural " + _quote(entry.plural))
            out.extend(f"msgstr[{i}] " + _quote(s) for i, s in enumerate(entry.strings))
        out.append("")
    return "\n".join(out)


def write_po(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_po(catalog), encoding="utf-8")


def compile_mo(catalog: Catalog) -> bytes:
    """The `.mo` bytes of `catalog` (GNU format, little-endian, no hash table), like `msgfmt`.

    The header must declare UTF-8: without it Python's gettext reads the file as ASCII and fails.
    """
    content_type = (catalog.header_field("Content-Type") or "").lower().replace(" ", "")
    if "charset=utf-8" not in content_type:
        raise ValueError('the catalog header needs "Content-Type: text/plain; charset=UTF-8"')
    pairs = {b"": catalog.header.encode("utf-8")}
    for entry in catalog.entries.values():
        if not entry.translated:
            continue
        key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        pairs[key.encode("utf-8")] = "\0".join(entry.strings).encode("utf-8")
    keys = sorted(pairs)
    originals_at = 7 * 4
    translations_at = originals_at + 8 * len(keys)
    data_at = translations_at + 8 * len(keys)
    tables: list[int] = []
    blob = b""
    for source in (keys, [pairs[k] for k in keys]):
        for text in source:
            tables.extend((len(text), data_at + len(blob)))
            blob += text + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), originals_at, translations_at, 0, data_at)
    return head + struct.pack(f"<{len(tables)}I", *tables) + blob
