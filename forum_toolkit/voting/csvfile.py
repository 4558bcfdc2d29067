"""Ballots as CSV: one row per ballot (or per group of identical ballots), one column per candidate.

    count,Playground,Bus stop,Library
    3,1,2,
    1,1,1,2

The header names the candidates; an optional first column `count` says how many people handed in
that ballot (1 when absent). What a cell means depends on the ballot kind:

- ranking: the place (1 is best); equal numbers are a tie; an empty cell is unranked.
- approval: 1 (or x, yes) is approved; 0 or an empty cell is not.
- scores: a whole number (a score, a grade or dots); an empty cell is skipped.
"""

from __future__ import annotations

import csv
import io

from forum_toolkit.voting.ballots import APPROVAL, KINDS, RANKING, Approval, InvalidProfile, Profile, Ranking, Scores
from forum_toolkit.voting.files import BallotFileError

TICKS = {"1": True, "x": True, "yes": True, "0": False, "": False, "no": False}


def parse(text: str, source: str, *, kind: str = RANKING) -> Profile:
    if kind not in KINDS:
        raise BallotFileError(source, None, f"expected a ballot kind ({', '.join(KINDS)}), found {kind!r}")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise BallotFileError(source, 1, "expected a header row naming the candidates, found an empty file")
    header = [h.strip() for h in header]
    counted = header[0].lower() == "count"
    candidates = header[1:] if counted else header
    if "" in candidates:
        raise BallotFileError(source, 1, f"column {candidates.index('') + 1 + counted}: expected a candidate name, found an empty header")
    if len(set(candidates)) != len(candidates):
        twice = next(c for c in candidates if candidates.count(c) > 1)
        raise BallotFileError(source, 1, f"expected each candidate once in the header, found {twice!r} twice")
    ballots = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise BallotFileError(source, line, f"expected {len(header)} cells as in the header, found {len(row)}")
        count = 1
        if counted:
            count = _whole(row[0], source, line, "count", minimum=0)
            row = row[1:]
        cells = dict(zip(candidates, (cell.strip() for cell in row)))
        ballots.append((count, _ballot(kind, cells, source, line)))
    try:
        return Profile.build(candidates, ballots) if ballots else Profile(tuple(candidates), kind, (), ())
    except InvalidProfile as error:
        raise BallotFileError(source, None, str(error)) from None


def _whole(cell: str, source: str, line: int, column: str, minimum: int | None = None) -> int:
    text = cell.strip()
    try:
        value = int(text)
    except ValueError:
        expected = "a whole number" if minimum is None else f"a whole number from {minimum}"
        raise BallotFileError(source, line, f"{column}: expected {expected}, found {text!r}") from None
    if minimum is not None and value < minimum:
        raise BallotFileError(source, line, f"{column}: expected a whole number from {minimum}, found {value}")
    return value


def _ballot(kind: str, cells: dict[str, str], source: str, line: int):
    if kind == APPROVAL:
        approved = []
        for candidate, cell in cells.items():
            if cell.lower() not in TICKS:
                raise BallotFileError(source, line, f"{candidate}: expected 1, x or yes (approved) or 0 or empty, found {cell!r}")
            if TICKS[cell.lower()]:
                approved.append(candidate)
        return Approval(frozenset(approved))
    numbers = {c: _whole(cell, source, line, c, minimum=1 if kind == RANKING else None) for c, cell in cells.items() if cell}
    if kind == RANKING:
        places = sorted(set(numbers.values()))
        return Ranking(tuple(frozenset(c for c, n in numbers.items() if n == place) for place in places))
    return Scores.of(numbers)


def dumps(profile: Profile) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["count", *profile.candidates])
    for ballot, count in profile.items():
        if isinstance(ballot, Ranking):
            place = ballot.level()
            cells = [place[c] + 1 if c in place else "" for c in profile.candidates]
        elif isinstance(ballot, Approval):
            cells = [1 if c in ballot.approved else 0 for c in profile.candidates]
        else:
            given = ballot.as_dict()
            cells = [given.get(c, "") for c in profile.candidates]
        writer.writerow([count, *cells])
    return out.getvalue()
