"""What a benchmark run serves, all inside one temporary directory: a store with one open session per
scenario, the ballot notebook, and the bare comparison notebook with its own SQLite file.

The ballot notebook is the repository's notebooks/ballot.ipynb (or, before it exists, the two lines
it holds). The bare notebook is what a careful newcomer would write without forum_toolkit: two answer
buttons, a Submit button whose callback inserts one row with sqlite3 (WAL, committed) and then sets
a Label to "saved".
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import nbformat

REPOSITORY_BALLOT = Path(__file__).resolve().parents[2] / "notebooks" / "ballot.ipynb"
BALLOT_CODE = """\
from forum_toolkit.apps.ballot import show_ballot

app = show_ballot()
"""

BARE_CODE = """\
import os
import sqlite3
import uuid

import ipywidgets as w

db = sqlite3.connect(os.environ["BENCH_BARE_DB"], timeout=30)
answer = w.Label("")
status = w.Label("")


def choose(button):
    answer.value = button.description


def submit(_button):
    with db:  # commits
        db.execute("INSERT INTO ballots (id, answer) VALUES (?, ?)", (uuid.uuid4().hex, answer.value))
    status.value = "saved"


buttons = [w.Button(description=text) for text in ("Yes", "No")]
for button in buttons:
    button.on_click(choose)
send = w.Button(description="Submit")
send.on_click(submit)
w.VBox([w.Label("Park or car park?"), w.HBox(buttons), answer, send, status])
"""

BARE_DB_VARIABLE = "BENCH_BARE_DB"


@dataclass(frozen=True)
class Forum:
    workdir: Path
    db_url: str  # the forum_toolkit store (SQLite, absolute path)
    consultation: object  # forum_toolkit.consultation.model.Consultation
    consultation_text: str
    notebooks_dir: Path  # holds ballot.ipynb only (Voilà makes a warm pool for every notebook in it)
    bare_notebook: Path


def make_forum(workdir: Path, consultation_file: Path) -> Forum:
    """The store, the consultation and both notebooks under `workdir` (which must exist)."""
    from forum_toolkit.consultation.load import load_consultation
    from forum_toolkit.store import open_store

    db_url = f"sqlite:///{workdir / 'forum.sqlite3'}"
    open_store(db_url).close()  # creates and migrates the store once, before any kernel opens it
    notebooks_dir = workdir / "notebooks"
    notebooks_dir.mkdir()
    if REPOSITORY_BALLOT.is_file():  # the forum's own notebook, as `serve` shows it
        shutil.copyfile(REPOSITORY_BALLOT, notebooks_dir / "ballot.ipynb")
    else:
        _write_notebook(notebooks_dir / "ballot.ipynb", BALLOT_CODE)
    bare_dir = workdir / "bare"
    bare_dir.mkdir()
    _write_notebook(bare_dir / "bare.ipynb", BARE_CODE)
    return Forum(
        workdir=workdir, db_url=db_url, consultation=load_consultation(consultation_file),
        consultation_text=Path(consultation_file).read_text(encoding="utf-8"), notebooks_dir=notebooks_dir,
        bare_notebook=bare_dir / "bare.ipynb",
    )  # fmt: skip


def new_session(forum: Forum, name: str) -> str:
    """A new open session of the forum's consultation (one per scenario, so its ballots can be counted)."""
    from forum_toolkit.store import open_store

    session_id = f"bench-{name}"
    with open_store(forum.db_url) as store:
        store.create_session(forum.consultation, forum.consultation_text, session_id, f"Benchmark {name}", date(2026, 11, 25))
        store.set_state(session_id, "open")
    return session_id


def count_ballots(forum: Forum, session_id: str) -> int:
    from forum_toolkit.store import open_store

    with open_store(forum.db_url) as store:
        return len(store.submissions(session_id))


def new_bare_db(forum: Forum, name: str) -> Path:
    """An empty SQLite file in WAL mode with the bare notebook's one table."""
    path = forum.workdir / f"bare-{name}.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE ballots (id TEXT PRIMARY KEY, answer TEXT NOT NULL)")
        db.commit()
    return path


def count_bare_rows(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT count(*) FROM ballots").fetchone()[0]


def _write_notebook(path: Path, code: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(code))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, str(path))
