"""`forum-toolkit serve`: what the operator is told before any server starts.

The command is run inside a `ForumGroup`, as `forum-toolkit` runs it, so errors are one line with
exit code 1. A server that really starts is in test_serve_server.py.
"""

import socket
from datetime import date

import click
import pytest
from click.testing import CliRunner

from forum_toolkit.cli.common import ForumGroup
from forum_toolkit.cli.serve import serve


@click.group(cls=ForumGroup)
def forum_toolkit() -> None:
    """forum-toolkit, with serve registered."""


forum_toolkit.add_command(serve)


@pytest.fixture
def db(tmp_path, tiny_forum, tiny_forum_text) -> str:
    """A store with one session in each state: planned, open, paused, closed."""
    from forum_toolkit.store import open_store

    url = f"sqlite:///{tmp_path / 'forum.sqlite3'}"
    with open_store(url) as store:
        for state in ("planned", "open", "paused", "closed"):
            store.create_session(tiny_forum, tiny_forum_text, state, f"A {state} evening", date(2026, 11, 25))
        for state, steps in {"open": ["open"], "paused": ["open", "paused"], "closed": ["closed"]}.items():
            for step in steps:
                store.set_state(state, step)
    return url


@pytest.fixture
def notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "ballot.ipynb").write_text("{}")
    return folder


def run(*args):
    return CliRunner().invoke(forum_toolkit, ["serve", *[str(arg) for arg in args]], catch_exceptions=False)


def test_help_names_every_option():
    result = run("--help")
    assert result.exit_code == 0
    for option in ("SESSION_ID", "--db", "--port", "--tablets", "--host", "--notebooks", "--qr", "--reset-seconds", "--data", "Ctrl-C"):
        assert option in result.output


def test_an_unknown_session_is_one_line(db, notebooks):
    result = run("forum-1999", "--db", db, "--notebooks", notebooks)
    assert result.exit_code == 1
    assert result.stderr == "error: there is no session 'forum-1999' in the store\n"


def test_a_planned_session_says_how_to_open_it(db, notebooks):
    result = run("planned", "--db", db, "--notebooks", notebooks)
    assert result.exit_code == 1
    assert result.stderr == "error: session planned is not open yet; open it first with: forum-toolkit sessions open planned\n"


def test_a_closed_session_is_not_served(db, notebooks):
    result = run("closed", "--db", db, "--notebooks", notebooks)
    assert result.exit_code == 1
    assert result.stderr == "error: session closed is closed for good; create a new session for another evening\n"


def test_a_paused_session_is_served_with_a_warning(db, tmp_path):
    result = run("paused", "--db", db, "--notebooks", tmp_path / "nowhere")
    assert result.stderr.startswith(
        "warning: session paused is paused: ballots are refused until you open it again with: "
        "forum-toolkit sessions open paused\n"
    )


def test_a_missing_ballot_notebook_is_named(db, tmp_path):
    result = run("open", "--db", db, "--notebooks", tmp_path / "nowhere")
    assert result.exit_code == 1
    expected = f"error: {tmp_path / 'nowhere' / 'ballot.ipynb'} not found; give the folder that holds it with --notebooks\n"
    assert result.stderr == expected


def test_a_port_in_use_is_named_before_voila_starts(db, notebooks):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("open", "--db", db, "--notebooks", notebooks, "--host", "127.0.0.1", "--port", port)
    assert result.exit_code == 1
    assert result.stderr == f"error: port {port} is in use (another forum-toolkit serve?); stop that server or choose --port\n"


@pytest.mark.parametrize(("option", "value"), [
    ("--port", "0"), ("--port", "70000"), ("--tablets", "-1"), ("--tablets", "501"), ("--reset-seconds", "0"),
    ("--reset-seconds", "601"),
])
def test_impossible_numbers_are_usage_errors(db, notebooks, option, value):
    result = run("open", "--db", db, "--notebooks", notebooks, option, value)
    assert result.exit_code == 2


def test_the_kiosk_countdown_reaches_the_kernels_through_the_configuration(db, notebooks, tmp_path, monkeypatch):
    import json

    from forum_toolkit.serve import process

    written = {}

    class NoVoila:
        """Reads the configuration Voilà would be started with, then is interrupted like Ctrl-C."""

        def __init__(self, config_path):
            written.update(json.loads(config_path.read_text(encoding="utf-8")))

        def start(self):
            raise KeyboardInterrupt

        def stop(self):
            pass

    monkeypatch.setattr(process, "VoilaProcess", NoVoila)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run("open", "--db", db, "--notebooks", notebooks, "--host", "127.0.0.1", "--port", port,
                 "--data", tmp_path / "data", "--reset-seconds", "3")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert written["ForumVoila"]["kernel_env"]["FORUM_RESET_SECONDS"] == "3"
