"""The command line as an operator uses it: real files, a real store, exact output and exit codes."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from forum_toolkit.cli import main

ROOT = Path(__file__).parent.parent
EVERY_KIND = ROOT / "tests" / "consultations" / "every_kind.yaml"
EVERY_KIND_CODED = ROOT / "tests" / "consultations" / "every_kind_coded.yaml"
COMMANDS = (
    "validate", "sessions", "codes", "export", "demo", "serve", "tally", "report",
    "proposals", "translate", "agenda-round", "agenda", "agenda-status", "agenda-report",
)


@pytest.fixture
def run():
    def invoke(*args):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def db(sqlite_url):
    return sqlite_url


@pytest.fixture
def open_session(run, db):
    assert run("sessions", "create", EVERY_KIND, "--id", "forum-test", "--date", "2026-11-25", "--db", db).exit_code == 0
    assert run("sessions", "open", "forum-test", "--db", db).exit_code == 0
    return "forum-test"


def test_sessions_are_created_opened_listed_and_closed(run, db):
    result = run("sessions", "create", EVERY_KIND, "--id", "forum-test", "--date", "2026-11-25", "--db", db)
    assert result.output == "created session forum-test (every-kind, 2026-11-25), state planned\n"
    assert run("sessions", "open", "forum-test", "--db", db).output == "session forum-test is now open\n"
    assert run("sessions", "--db", db).output.splitlines() == [
        "session     consultation  held on     state  ballots",
        "forum-test  every-kind    2026-11-25  open   0",
    ]
    assert run("sessions", "close", "forum-test", "--db", db).exit_code == 0
    reopened = run("sessions", "open", "forum-test", "--db", db)
    assert reopened.exit_code == 1
    assert reopened.stderr == "error: session 'forum-test' is closed and cannot become open\n"


def test_an_empty_store_says_how_to_start(run, db):
    assert run("sessions", "--db", db).output == (
        "no sessions yet; create one with: forum-toolkit sessions create FILE --id ID\n"
    )


def test_an_invalid_file_creates_no_session(run, db):
    broken = ROOT / "tests" / "consultations" / "broken" / "one_option.yaml"
    result = run("sessions", "create", broken, "--id", "nope", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"{broken}: invalid, no session created"
    assert run("sessions", "--db", db).output.startswith("no sessions yet")


def test_an_unknown_session_is_one_line_and_exit_1(run, db):
    result = run("sessions", "open", "nope", "--db", db)
    assert (result.exit_code, result.stderr) == (1, "error: there is no session 'nope' in the store\n")


def test_a_store_that_cannot_be_opened_is_one_line_and_exit_3(run, tmp_path):
    result = run("sessions", "--db", f"sqlite:///{tmp_path}/missing/forum.sqlite3")
    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: cannot open the store at sqlite:///{tmp_path}/missing/forum.sqlite3:")
    assert "Traceback" not in result.output


def test_postgres_password_is_never_printed(run):
    result = run("sessions", "--db", "postgresql+psycopg://forum:s3cret@127.0.0.1:1/forum")
    assert result.exit_code == 3
    assert "s3cret" not in result.output
    assert "forum:***@127.0.0.1:1/forum" in result.stderr


def test_codes_writes_a_sheet_and_stores_only_hashes(run, db, tmp_path):
    run("sessions", "create", EVERY_KIND_CODED, "--id", "council-test", "--db", db)
    sheet = tmp_path / "codes.pdf"
    result = run("codes", "council-test", "-n", "12", "--out", sheet, "--url", "http://forum.local:8866/ballot", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 12 codes to {sheet} (session council-test: 12 issued, 0 used)\n"
    assert sheet.read_bytes().startswith(b"%PDF")
    assert sheet.stat().st_size > 1000
    raw = Path(db.removeprefix("sqlite:///")).read_bytes()
    assert not re.search(rb"[A-Z0-9]{4}-[A-Z0-9]{4}", raw)  # no code in readable form in the store


def test_codes_for_an_open_consultation_are_refused(run, db, open_session, tmp_path):
    result = run("codes", open_session, "-n", "3", "--out", tmp_path / "c.pdf", "--url", "http://x/", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: session 'forum-test': consultation 'every-kind' is open to all (access: open) and takes no codes\n"
    )
    assert not (tmp_path / "c.pdf").exists()


def test_codes_with_a_bad_address_creates_no_codes(run, db, tmp_path):
    run("sessions", "create", EVERY_KIND_CODED, "--id", "council-test", "--db", db)
    result = run("codes", "council-test", "-n", "3", "--out", tmp_path / "c.pdf", "--url", "forum.local/ballot", "--db", db)
    assert result.exit_code == 2
    assert "--url" in result.stderr
    from forum_toolkit.store import open_store

    assert open_store(db).code_counts("council-test") == (0, 0)


def test_export_writes_every_format(run, db, open_session, tmp_path):
    from forum_toolkit.store import open_store

    store = open_store(db)
    store.submit(open_session, {"age": "old"}, language="ar", channel="paper", submission_id="0b7f3a2e-5d4c-4f1a-9c8b-7a6d5e4f3a2b")
    store.close()
    result = run("export", open_session, "--out", tmp_path / "out", "--db", db, "--lang", "ar")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(
        [
            "forum-test_tidy.csv", "forum-test_wide.csv", "forum-test_codebook.csv",
            "forum-test_tidy.parquet", "forum-test_wide.parquet", "forum-test_codebook.parquet",
            "forum-test.xlsx",
        ]
    )  # fmt: skip
    assert "كبير" in (tmp_path / "out" / "forum-test_tidy.csv").read_text(encoding="utf-8-sig")


def test_export_writes_spss_with_labels_and_a_codebook_per_language(run, db, open_session, tmp_path):
    import pyreadstat

    from forum_toolkit.store import open_store

    store = open_store(db)
    store.submit(open_session, {"age": "old"}, language="ar", channel="paper", submission_id="0b7f3a2e-5d4c-4f1a-9c8b-7a6d5e4f3a2b")
    store.close()
    result = run("export", open_session, "--out", tmp_path / "out", "--db", db, "--format", "sav")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "forum-test.sav" in written and any(name.startswith("forum-test_codebook") and name.endswith(".csv") for name in written)
    _, meta = pyreadstat.read_sav(str(tmp_path / "out" / "forum-test.sav"), metadataonly=True)
    assert "age" in meta.column_names and meta.column_names_to_labels["age"]
    assert meta.variable_value_labels["age"]  # the options' labels, not bare numbers


def test_export_refuses_a_language_the_consultation_does_not_offer(run, db, open_session, tmp_path):
    result = run("export", open_session, "--out", tmp_path, "--db", db, "--lang", "fr")
    assert result.exit_code == 2
    assert "expected one of the consultation's languages (de, en, ar), found 'fr'" in result.stderr


def test_demo_seeds_reproducibly(run, tmp_path):
    first, second = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    for path in (first, second):
        result = run("demo", "--db", f"sqlite:///{path}", "--surveys", ROOT / "surveys")
        assert result.exit_code == 0, result.output
    assert result.stdout.startswith("seeded 3 sessions with 369 ballots and 80 ballot codes")

    from forum_toolkit.store import open_store

    one, two = open_store(f"sqlite:///{first}"), open_store(f"sqlite:///{second}")
    for session in one.sessions():
        a, b = one.submissions(session.id), two.submissions(session.id)
        assert [(s.answers, s.language, s.channel, s.submitted_at) for s in a] == [
            (s.answers, s.language, s.channel, s.submitted_at) for s in b
        ]
    languages = {s.language for session in one.sessions() for s in one.submissions(session.id)}
    assert len(languages) >= 6


def test_demo_refuses_to_overwrite_without_replace(run, tmp_path):
    path = tmp_path / "demo.sqlite3"
    path.write_bytes(b"")
    result = run("demo", "--db", f"sqlite:///{path}", "--surveys", ROOT / "surveys")
    assert result.exit_code == 2
    assert f"{path} exists already; add --replace to seed it anew" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 3
    assert f"forum-toolkit {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_command_list_is_complete(run):
    listed = re.findall(r"^  ([\w-]+)\s", run("--help").output.split("Commands:")[1], re.MULTILINE)
    assert sorted(listed) == sorted(COMMANDS)
