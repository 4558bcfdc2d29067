"""Ballot files: PrefLib (.soc .soi .toc .toi .cat) and CSV, chosen by the file's extension.

`read_ballots(path)` and `write_ballots(profile, path)` are the only functions here that touch the
disk; the parsers and writers in `preflib` and `csvfile` work on text. A problem in a file is reported
as `file:line: what was expected, what was found`.
"""

from __future__ import annotations

from pathlib import Path

from forum_toolkit.errors import ForumToolkitError
from forum_toolkit.voting.ballots import Profile

PREFLIB_TYPES = ("soc", "soi", "toc", "toi", "cat")


class BallotFileError(ForumToolkitError):
    """A ballot file that cannot be read, with the file and line of the problem."""

    def __init__(self, source: str, line: int | None, message: str):
        self.source, self.line, self.message = source, line, message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


def read_ballots(path: str | Path, *, kind: str | None = None) -> Profile:
    """A profile from a PrefLib or CSV file. `kind` (ranking, approval, scores) is needed for CSV only,
    where the same numbers could be ranks, ticks or scores; PrefLib files say what they hold."""
    from forum_toolkit.voting import csvfile, preflib

    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in (*PREFLIB_TYPES, "csv"):
        raise BallotFileError(
            str(path), None, f"expected a file ending in .{', .'.join(PREFLIB_TYPES)} or .csv, found .{suffix or '(none)'}"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BallotFileError(str(path), None, "no such file") from None
    except UnicodeDecodeError as error:
        raise BallotFileError(str(path), None, f"expected UTF-8 text, found a byte that is not ({error.reason})") from None
    except OSError as error:
        raise BallotFileError(str(path), None, f"cannot be read ({error.strerror})") from None
    if suffix == "csv":
        return csvfile.parse(text, str(path), kind=kind or "ranking")
    return preflib.parse(text, str(path), data_type=suffix)


def write_ballots(profile: Profile, path: str | Path) -> None:
    """Write a profile as the file type its extension names (.csv or a PrefLib type that fits it)."""
    from forum_toolkit.voting import csvfile, preflib

    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "csv":
        text = csvfile.dumps(profile)
    elif suffix in PREFLIB_TYPES:
        text = preflib.dumps(profile, data_type=suffix, file_name=path.name)
    else:
        raise BallotFileError(str(path), None, f"expected .csv or a PrefLib extension, found .{suffix or '(none)'}")
    path.write_text(text, encoding="utf-8")
