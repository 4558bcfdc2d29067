"""PrefLib's text formats, read and written by our own code (https://preflib.github.io/PrefLib-Jekyll/format).

A file is a header of `# KEY: value` lines, then one line per distinct ballot: `count: preferences`.
Alternatives are numbered from 1 and named in `# ALTERNATIVE NAME i: name`.

- .soc strict complete orders   `12: 3,1,2`        .soi strict incomplete orders  `4: 3,1`
- .toc orders with ties, complete `5: 1,{2,3}`     .toi orders with ties, incomplete `2: {1,3}`
- .cat categories, best first: one entry per category, each an alternative, `{set}` or `{}`:
  `7: {1,2},3` with `# NUMBER CATEGORIES: 2`. Two categories are read as approval ballots (the first
  is "approved"); more are read as grades (the first category is the highest grade, the last is 0).
"""

from __future__ import annotations

import re
from collections import Counter

from forum_toolkit.voting.ballots import APPROVAL, RANKING, Approval, InvalidProfile, Profile, Ranking, Scores
from forum_toolkit.voting.files import BallotFileError

HEADER = re.compile(r"#\s*([^:]+?)\s*:\s?(.*)$")
DESCRIPTION = {
    "soc": "strict complete orders",
    "soi": "strict incomplete orders",
    "toc": "orders with ties, complete",
    "toi": "orders with ties, incomplete",
    "cat": "categorical preferences",
}

# which narrowest type each type can hold: a .toi file holds any ranking, a .soc file only complete strict ones
HOLDS = {"soc": {"soc"}, "soi": {"soc", "soi"}, "toc": {"soc", "toc"}, "toi": {"soc", "soi", "toc", "toi"}, "cat": {"cat"}}


def parse(text: str, source: str, *, data_type: str) -> Profile:
    """A profile from PrefLib text; `data_type` is the file's extension (soc, soi, toc, toi or cat)."""
    header: dict[str, tuple[int, str]] = {}
    rows: list[tuple[int, int, list[frozenset[int]]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            match = HEADER.match(line)
            if not match:
                raise BallotFileError(source, number, f"expected a header line '# KEY: value', found {line!r}")
            header[match.group(1).upper()] = (number, match.group(2).strip())
            continue
        count_text, colon, rest = line.partition(":")
        if not colon or not count_text.strip().isdigit():
            raise BallotFileError(source, number, f"expected 'count: preferences' such as '3: 1,2,3', found {line!r}")
        rows.append((number, int(count_text), _entries(rest, source, number)))
    declared = header.get("DATA TYPE", (None, data_type))
    if declared[1] != data_type:
        raise BallotFileError(source, declared[0], f"expected DATA TYPE {data_type} for a .{data_type} file, found {declared[1]!r}")
    names = _names(header, source)
    if data_type == "cat":
        profile = _categorical(header, rows, names, source)
    else:
        profile = _orders(rows, names, source, data_type)
    _check_totals(header, rows, source)
    return profile


def _entries(text: str, source: str, line: int) -> list[frozenset[int]]:
    """`1,{2,3},4` -> [{1}, {2, 3}, {4}]; `{}` is an empty group (used by .cat)."""
    entries: list[frozenset[int]] = []
    text = text.strip()
    if not text:
        return entries
    for position, token in enumerate(re.split(r",(?![^{]*\})", text), start=1):
        token = token.strip()
        braced = token.startswith("{") and token.endswith("}")
        inner = token[1:-1].strip() if braced else token
        members = [m.strip() for m in inner.split(",")] if inner else []
        if (not braced and len(members) != 1) or not all(m.isdigit() for m in members):
            raise BallotFileError(
                source, line, f"entry {position}: expected an alternative number or a {{group}} of them, found {token!r}"
            )
        entries.append(frozenset(int(m) for m in members))
    return entries


def _names(header, source) -> dict[int, str]:
    if "NUMBER ALTERNATIVES" not in header:
        raise BallotFileError(source, None, "expected a header line '# NUMBER ALTERNATIVES: n', found none")
    line, value = header["NUMBER ALTERNATIVES"]
    if not value.isdigit():
        raise BallotFileError(source, line, f"NUMBER ALTERNATIVES: expected a whole number, found {value!r}")
    names = {}
    for i in range(1, int(value) + 1):
        names[i] = header.get(f"ALTERNATIVE NAME {i}", (None, str(i)))[1]
    if len(set(names.values())) != len(names):
        twice = [n for n, k in Counter(names.values()).items() if k > 1][0]
        raise BallotFileError(source, None, f"ALTERNATIVE NAME: expected different names, found {twice!r} twice")
    return names


def _known_once(entries, names, source, line, twice: str) -> set[int]:
    """The alternatives of one line, each checked to be known and to appear once."""
    seen: set[int] = set()
    for group in entries:
        for alternative in sorted(group):
            if alternative not in names:
                raise BallotFileError(source, line, f"expected alternatives 1 to {len(names)}, found {alternative}")
            if alternative in seen:
                raise BallotFileError(source, line, f"alternative {alternative} {twice}")
            seen.add(alternative)
    return seen


def _orders(rows, names, source, data_type) -> Profile:
    ballots = []
    for line, count, entries in rows:
        seen = _known_once(entries, names, source, line, "appears twice in one order")
        if frozenset() in entries:
            raise BallotFileError(source, line, "expected alternatives in the group, found '{}'")
        if data_type in ("soc", "soi") and any(len(g) > 1 for g in entries):
            raise BallotFileError(source, line, f"expected strict orders in a .{data_type} file, found a tie {{...}}")
        if data_type in ("soc", "toc") and len(seen) != len(names):
            missing = sorted(set(names) - seen)
            raise BallotFileError(
                source, line, f"expected all {len(names)} alternatives in a .{data_type} file, found {missing[0]} missing"
            )
        ballots.append((count, Ranking(tuple(frozenset(names[a] for a in g) for g in entries))))
    return _profile(list(names.values()), ballots, source)


def _categorical(header, rows, names, source) -> Profile:
    line, value = header.get("NUMBER CATEGORIES", (None, ""))
    if not value.isdigit() or int(value) < 2:
        raise BallotFileError(source, line, f"NUMBER CATEGORIES: expected a whole number of 2 or more, found {value!r}")
    categories = int(value)
    ballots = []
    for line, count, entries in rows:
        if len(entries) != categories:
            raise BallotFileError(source, line, f"expected {categories} categories, found {len(entries)}")
        _known_once(entries, names, source, line, "is in two categories")
        if categories == 2:
            ballots.append((count, Approval(frozenset(names[a] for a in entries[0]))))
        else:
            grades = {names[a]: categories - 1 - i for i, group in enumerate(entries) for a in group}
            ballots.append((count, Scores.of(grades)))
    return _profile(list(names.values()), ballots, source, scale=None if categories == 2 else (0, categories - 1))


def _profile(candidates, ballots, source, scale=None) -> Profile:
    try:
        return Profile.build(candidates, ballots, scale=scale)
    except InvalidProfile as error:
        raise BallotFileError(source, None, str(error)) from None


def _check_totals(header, rows, source) -> None:
    checks = (
        ("NUMBER VOTERS", sum(c for _, c, _ in rows)),
        ("NUMBER UNIQUE ORDERS", len(rows)),
        ("NUMBER UNIQUE PREFERENCES", len(rows)),
    )
    for key, found in checks:
        if key in header:
            line, value = header[key]
            if value != str(found):
                raise BallotFileError(source, line, f"{key}: the header says {value}, the ballots add up to {found}")


def fitting_type(profile: Profile) -> str:
    """The narrowest PrefLib type that holds the profile."""
    if profile.kind != RANKING:
        return "cat"
    everyone = len(profile.candidates)
    strict = all(b.is_strict() for b in profile.ballots)
    complete = all(len(b.ranked) == everyone for b in profile.ballots)
    return ("s" if strict else "t") + "o" + ("c" if complete else "i")


def dumps(profile: Profile, *, data_type: str | None = None, file_name: str = "ballots") -> str:
    """PrefLib text for a profile; `data_type` must fit it (a .soc file cannot hold a tie)."""
    fits = fitting_type(profile)
    data_type = data_type or fits
    if fits not in HOLDS.get(data_type, set()):
        expected = f"expected ballots that fit .{data_type} ({DESCRIPTION.get(data_type, '?')})"
        raise BallotFileError(file_name, None, f"{expected}, found {DESCRIPTION[fits]}")
    number = {c: i for i, c in enumerate(profile.candidates, start=1)}
    lines = [
        f"# FILE NAME: {file_name}",
        "# TITLE: ballots written by forum_toolkit",
        f"# DATA TYPE: {data_type}",
        "# MODIFICATION TYPE: original",
        f"# NUMBER ALTERNATIVES: {len(profile.candidates)}",
        f"# NUMBER VOTERS: {profile.voters}",
    ]
    body = []
    if profile.kind == RANKING:
        lines.append(f"# NUMBER UNIQUE ORDERS: {len(profile.ballots)}")
        for ballot, count in profile.items():
            body.append(f"{count}: " + ",".join(_group(g, number) for g in ballot.groups))
    else:
        levels = _category_levels(profile)
        lines += [f"# NUMBER UNIQUE PREFERENCES: {len(profile.ballots)}", f"# NUMBER CATEGORIES: {len(levels)}"]
        lines += [f"# CATEGORY NAME {i}: {name}" for i, (name, _) in enumerate(levels, start=1)]
        for ballot, count in profile.items():
            entries = (_braced(_members(ballot, value, profile.candidates), number) for _, value in levels)
            body.append(f"{count}: " + ",".join(entries))
    lines += [f"# ALTERNATIVE NAME {i}: {c}" for c, i in number.items()]
    return "\n".join(lines + body) + "\n"


def _category_levels(profile: Profile) -> list[tuple[str, object]]:
    if profile.kind == APPROVAL:
        return [("Approved", True), ("Not approved", False)]
    low, high = profile.scale or (0, 0)
    return [(str(grade), grade) for grade in range(high, low - 1, -1)]


def _members(ballot, value, candidates) -> list[str]:
    if isinstance(ballot, Approval):
        return [c for c in candidates if (c in ballot.approved) == value]
    return [c for c, v in ballot.values if v == value]


def _group(group, number) -> str:
    return str(number[next(iter(group))]) if len(group) == 1 else _braced(group, number)


def _braced(members, number) -> str:
    return "{" + ",".join(str(n) for n in sorted(number[c] for c in members)) + "}"
