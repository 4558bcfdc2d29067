"""`forum-toolkit sessions`: list sessions, create one from a consultation file, open, pause, close."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from forum_toolkit.cli.common import EXIT_INVALID, db_option, open_store_for


@click.group(invoke_without_command=True)
@db_option
@click.pass_context
def sessions(ctx: click.Context, db_url: str | None) -> None:
    """List the sessions in the store (or manage one with a subcommand).

    A session is one run of a consultation: a forum evening, or a council's collection period.
    """
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url
    if ctx.invoked_subcommand is not None:
        return
    store = open_store_for(db_url)
    found = store.sessions()
    if not found:
        click.echo("no sessions yet; create one with: forum-toolkit sessions create FILE --id ID")
        return
    rows = [("session", "consultation", "held on", "state", "ballots")]
    rows += [(s.id, s.consultation_id, s.held_on.isoformat(), s.state, str(s.submissions)) for s in found]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


@sessions.command("create")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--id", "session_id", required=True, help="The session's id, e.g. forum-2026-11-26.")
@click.option("--title", default=None, help="A title for people (default: the consultation's German title).")
@click.option("--date", "held_on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="YYYY-MM-DD (default: today).")
@db_option
@click.pass_context
def create(ctx, file: Path, session_id: str, title: str | None, held_on, db_url: str | None) -> None:
    """Create a session running the consultation in FILE (checked first; its text is kept)."""
    from forum_toolkit.consultation.load import check_file

    report = check_file(file)
    if report.errors:
        for problem in report.errors:
            click.echo(str(problem), err=True)
        click.echo(f"{file}: invalid, no session created", err=True)
        sys.exit(EXIT_INVALID)
    consultation = report.consultation
    store = open_store_for(db_url or ctx.obj["db_url"])
    info = store.create_session(
        consultation,
        file.read_text(encoding="utf-8"),
        session_id=session_id,
        title=title or consultation.title.get("de").text,
        held_on=held_on.date() if held_on else date.today(),
    )
    click.echo(f"created session {info.id} ({info.consultation_id}, {info.held_on}), state {info.state}")


def _state_command(name: str, state: str, help_text: str):
    @sessions.command(name, help=help_text)
    @click.argument("session_id")
    @db_option
    @click.pass_context
    def change(ctx, session_id: str, db_url: str | None) -> None:
        store = open_store_for(db_url or ctx.obj["db_url"])
        store.set_state(session_id, state)
        click.echo(f"session {session_id} is now {state}")

    return change


open_ = _state_command("open", "open", "Open SESSION_ID for ballots.")
pause = _state_command("pause", "paused", "Pause SESSION_ID: ballots are refused until it opens again.")
close = _state_command("close", "closed", "Close SESSION_ID for good.")
